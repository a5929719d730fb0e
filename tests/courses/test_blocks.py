import pytest
from wagtail.blocks import StructBlockValidationError

from courses import video
from courses.blocks import ActivityBlock, VideoBlock


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "youtube"),
        ("https://youtu.be/aqz-KE-bpKQ", "youtube"),
        ("https://m.youtube.com/shorts/aqz-KE-bpKQ", "youtube"),
        ("https://www.facebook.com/LocalAlike/videos/1234567890/", "facebook"),
        ("https://fb.watch/abcDEF/", "facebook"),
        ("https://example.com/watch?v=aqz-KE-bpKQ", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("javascript:alert(1)", None),
    ],
)
def test_video_providers(url, expected):
    assert video.provider(url) == expected


def test_youtube_embeds_use_the_privacy_enhanced_host():
    assert video.embed_url("https://youtu.be/aqz-KE-bpKQ").startswith(
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    )


def test_video_block_loads_nothing_from_third_parties_until_play():
    block = VideoBlock()
    value = block.to_python(
        {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "ถ่ายรูปสินค้า",
            "duration": "4:20",
        }
    )
    html = block.render(value)
    assert "<iframe" not in html
    assert "<script" not in html
    assert "<img" not in html  # not even the provider's thumbnail
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html  # works without JS
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in html


def test_video_block_rejects_other_sites():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"url": "https://example.com/clip.mp4", "title": "x"}))


def test_activity_steps_are_checkboxes():
    block = ActivityBlock()
    html = block.render(
        block.to_python({"title": "ลองทำ", "intro": "", "steps": ["ถ่ายรูป", "โพสต์"]})
    )
    assert html.count('type="checkbox"') == 2
    assert "ถ่ายรูป" in html
