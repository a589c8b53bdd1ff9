"""The StreamField blocks of the package's own pages (the body of plans and movements).

They import no model of the package, so the models can import them: the blocks that read the register, which a
host's articles embed, live above the models in :mod:`thidua_wagtail.blocks`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

__all__ = ["BodyBlock", "CaptionedDocumentBlock", "QuoteBlock"]


class QuoteBlock(blocks.StructBlock):
    """A quoted passage with its source, e.g. the wording of a plan."""

    text = blocks.TextBlock(label=_("text"))
    source = blocks.CharBlock(label=_("source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "thidua_wagtail/blocks/quote_block.html"


class CaptionedDocumentBlock(blocks.StructBlock):
    """A link to a document with the caption a visitor reads instead of its file name."""

    document = DocumentChooserBlock(label=_("document"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "thidua_wagtail/blocks/document_block.html"


class BodyBlock(blocks.StreamBlock):
    """The blocks an editor may use in the body of a plan or movement."""

    heading = blocks.CharBlock(
        label=_("Heading"), form_classname="title", icon="title", template="thidua_wagtail/blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock(label=_("Image"), template="thidua_wagtail/blocks/image_block.html")
    quote = QuoteBlock()
    document = CaptionedDocumentBlock()
