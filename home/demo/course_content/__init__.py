"""Text of the demo courses, written for community learners new to the internet.

Each course module has ``COURSE`` (the course page's fields) and ``LESSONS`` (one dict per
lesson, with its body as StreamField blocks built by the helpers below). Pictures,
recordings and worksheets are named by a ``Media`` key that ``home.demo.courses`` turns
into a Wagtail image or document.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Media:
    key: str


def heading(text: str, level: str = "h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(text: str):
    return ("paragraph", f"<p>{text}</p>")


def bullets(intro: str, items: list[str], *, numbered: bool = False):
    """A paragraph block with a short lead-in and a list."""
    tag = "ol" if numbered else "ul"
    rows = "".join(f"<li>{item}</li>" for item in items)
    return ("paragraph", f"<p>{intro}</p><{tag}>{rows}</{tag}>")


def tip(title: str, text: str, *, style: str = "tip"):
    return ("tip", {"style": style, "title": title, "text": f"<p>{text}</p>"})


def picture(key: str, *, alt: str, caption: str = ""):
    return ("image", {"image": Media(key), "alt_text": alt, "caption": caption})


def video(url: str, *, title: str, duration: str = ""):
    return ("video", {"url": url, "title": title, "duration": duration})


def recording(key: str, *, title: str, transcript: str):
    return ("audio", {"recording": Media(key), "title": title, "transcript": transcript})


def worksheet(key: str, *, title: str, description: str = ""):
    return ("worksheet", {"document": Media(key), "title": title, "description": description})


def activity(title: str, *, intro: str = "", steps: list[str]):
    return ("activity", {"title": title, "intro": intro, "steps": steps})
