"""Blocks shared by every StreamField in the project."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

# Lessons are read by first-time internet users: a small, predictable feature set.
RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("level"),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "เลือกสินค้าที่ชุมชนภูมิใจ", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = _("Text")
        preview_value = "<p>สินค้าชุมชนที่ขายได้ดีเริ่มจาก<b>เรื่องราว</b>ของคนทำ และคุณภาพที่ลูกค้าไว้ใจได้</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        label = _("Image")


class TipBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("important", _("Important")), ("example", _("Example"))],
        default="tip",
        label=_("style"),
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = ParagraphBlock(label=_("text"))

    class Meta:
        icon = "help"
        template = "blocks/tip_block.html"
        label = _("Tip / callout")
        preview_value = {
            "style": "tip",
            "title": "เคล็ดลับ",
            "text": "<p>ถ่ายรูปสินค้าใกล้หน้าต่างตอนสาย ๆ แสงธรรมชาติทำให้สีสินค้าดูจริง</p>",
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    tip = TipBlock()
