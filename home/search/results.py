"""What a search result shows: the page, its type, where it belongs and a short excerpt.

Everything is read from the pages already loaded, in a fixed number of queries for
any number of results: parents in one query, StreamField text from the stored JSON
(no chooser look-ups).
"""

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

EXCERPT_LENGTH = 180
# Text gathered from a page before cutting the excerpt, enough to find a match in.
TEXT_LIMIT = 3000
# An excerpt starts at the first match if that lies further in than this.
LEAD_IN = 60
# Closing block tags become spaces, so paragraphs do not run into each other.
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class SearchResult:
    page: Page
    url: str
    kind: str
    parent: Page | None
    parent_url: str
    excerpt: SafeString


def build_results(pages: Iterable[Page], *, terms: list[str], request) -> list[SearchResult]:
    """Result rows for specific pages, with their parents fetched in one query.

    The parent is shown unless it is the site's home page: a lesson's course, a
    product's community, a course's catalogue.
    """
    pages = list(pages)
    parent_paths = {page.path[: -page.steplen] for page in pages if page.depth > 2}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=parent_paths, depth__gt=2).only(
            "title", "path", "depth", "url_path"
        )
    }
    results = []
    for page in pages:
        parent = parents.get(page.path[: -page.steplen])
        results.append(
            SearchResult(
                page=page,
                url=page.get_url(request),
                kind=page._meta.verbose_name,
                parent=parent,
                parent_url=parent.get_url(request) if parent else "",
                excerpt=highlight(excerpt(page, terms=terms), terms),
            )
        )
    return results


def excerpt(page: Page, *, terms: list[str]) -> str:
    """The search description, else the page's text around the first matching word."""
    text = page.search_description or " ".join(page_text(page))
    text = " ".join(text.split())[:TEXT_LIMIT]
    lowered = text.lower()
    positions = [found for term in terms if (found := lowered.find(term)) >= 0]
    start = min(positions, default=0)
    if start > LEAD_IN:
        # Begin at a word break shortly before the match where there is one.
        space = text.rfind(" ", 0, start)
        start = space + 1 if start - space < LEAD_IN else start - LEAD_IN // 2
        text = "…" + text[start:]
    return Truncator(text).chars(EXCERPT_LENGTH)


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with each occurrence of a search word in <mark>."""
    if not terms:
        return escape(text)
    pattern = re.compile(
        "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)),
        re.IGNORECASE,
    )
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[position : match.start()]), format_html("<mark>{}</mark>", match[0])]
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every part is escaped above


def page_text(page: Page) -> Iterator[str]:
    """Plain text of the page's searchable fields other than the title, in order."""
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            field = page._meta.get_field(search_field.field_name)
        except models.FieldDoesNotExist:
            continue  # a method: it could run queries, and is left out of excerpts
        value = getattr(page, field.attname)
        if isinstance(field, StreamField):
            yield from block_text(value.stream_block, value.raw_data)
        elif isinstance(value, str):
            yield html_to_text(value)


def block_text(block: blocks.Block, value) -> Iterator[str]:
    """Text of a block's stored (JSON) value: headings, paragraphs, captions, lists."""
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            if child_block := block.child_blocks.get(child.get("type")):
                yield from block_text(child_block, child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_text(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            # Lists are stored as [{"type": "item", "value": ...}] or, in old data, bare values.
            if isinstance(item, dict) and item.get("type") == "item":
                item = item.get("value")
            yield from block_text(block.child_block, item)
    elif isinstance(block, blocks.RichTextBlock):
        yield html_to_text(value)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield value


def html_to_text(value: str) -> str:
    return html.unescape(strip_tags(BLOCK_END.sub(" ", value)))
