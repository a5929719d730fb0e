from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from courses import video
from home.blocks import BaseStreamBlock

AUDIO_EXTENSIONS = ("mp3", "m4a", "ogg", "oga", "wav", "aac")


class VideoBlock(blocks.StructBlock):
    """A YouTube or Facebook video shown as a light placeholder until the learner presses play."""

    url = blocks.URLBlock(
        label=_("video address"),
        help_text=_("A YouTube or Facebook video link."),
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    duration = blocks.CharBlock(
        label=_("length"), required=False, max_length=20, help_text=_("For example 5:30")
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "ถ่ายรูปสินค้าด้วยมือถือให้น่าซื้อ",
            "duration": "4:20",
        }

    def clean(self, value):
        value = super().clean(value)
        if not video.provider(value.get("url", "")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a YouTube or Facebook video link."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["provider"] = video.provider(value["url"])
        context["embed_url"] = video.embed_url(value["url"])
        return context


class AudioBlock(blocks.StructBlock):
    """An uploaded recording, so a lesson can be listened to."""

    recording = DocumentChooserBlock(
        label=_("recording"), help_text=_("An audio file: mp3, m4a, ogg or wav.")
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

    class Meta:
        icon = "media"
        template = "blocks/audio_block.html"
        label = _("Audio")

    def clean(self, value):
        value = super().clean(value)
        document = value.get("recording")
        if document and document.file_extension.lower() not in AUDIO_EXTENSIONS:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "recording": ValidationError(_("Choose an audio file (mp3, m4a, ogg or wav)."))
                }
            )
        return value


class WorksheetBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("worksheet"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/worksheet_block.html"
        label = _("Worksheet download")


class ActivityBlock(blocks.StructBlock):
    """ "ลองทำ": hands-on steps the learner ticks off as they go."""

    title = blocks.CharBlock(label=_("title"), max_length=200, default="ลองทำ")
    intro = blocks.TextBlock(label=_("introduction"), required=False)
    steps = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("steps"), min_num=1)

    class Meta:
        icon = "tasks"
        template = "blocks/activity_block.html"
        label = _("Hands-on activity")
        preview_value = {
            "title": "ลองทำ: ถ่ายรูปสินค้า 3 มุม",
            "intro": "ใช้มือถือของคุณถ่ายรูปสินค้าหนึ่งชิ้น",
            "steps": ["ด้านหน้า", "ด้านข้าง", "ภาพใช้งานจริง"],
        }


class LessonStreamBlock(BaseStreamBlock):
    video = VideoBlock()
    audio = AudioBlock()
    worksheet = WorksheetBlock()
    activity = ActivityBlock()
