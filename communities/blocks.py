from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

STORY_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class StoryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alt text"),
        max_length=200,
        help_text=_("Describe the photo for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("photo")
        template = "blocks/story_image_block.html"
        help_text = _(
            "Photos that show people belong in the people section, where their consent is recorded."
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        label = _("quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "พอเราได้ออกแบบถุงใหม่ ลูกค้าก็กล้าซื้อเป็นของฝากมากขึ้น",
            "attribution": "ประธานกลุ่มแม่บ้าน",
        }


class StoryBlock(blocks.StreamBlock):
    """A community's story: text, photos and the words of its people."""

    paragraph = blocks.RichTextBlock(
        features=STORY_FEATURES,
        label=_("paragraph"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value=("<p>กลุ่มแม่บ้านรวมตัวกันแปรรูปผลผลิตในหมู่บ้าน เพื่อให้มีรายได้เสริมหลังฤดูเก็บเกี่ยว</p>"),
    )
    image = StoryImageBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("story")
