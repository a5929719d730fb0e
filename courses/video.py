"""Recognise YouTube and Facebook video links and build their embed addresses."""

import re
from urllib.parse import parse_qs, quote, urlparse

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


def youtube_id(url: str) -> str | None:
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parsed.path.lstrip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            candidate = parse_qs(parsed.query).get("v", [""])[0]
        else:
            parts = parsed.path.strip("/").split("/")
            if len(parts) >= 2 and parts[0] in {"embed", "shorts", "live"}:
                candidate = parts[1]
    return candidate if candidate and YOUTUBE_ID.match(candidate) else None


def is_facebook_video(url: str) -> bool:
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host == "fb.watch":
        return bool(parsed.path.strip("/"))
    return host == "facebook.com" and ("/videos/" in parsed.path or parsed.path == "/watch/")


def provider(url: str) -> str | None:
    if youtube_id(url):
        return "youtube"
    if is_facebook_video(url):
        return "facebook"
    return None


def embed_url(url: str) -> str | None:
    """The player address, loaded only after the learner presses play."""
    if video_id := youtube_id(url):
        return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0"
    if is_facebook_video(url):
        return "https://www.facebook.com/plugins/video.php?autoplay=1&href=" + quote(url, safe="")
    return None
