"""Markdown written by staff (release notes; knowledge-base articles later) as safe
HTML: CommonMark with tables and strikethrough, raw HTML not interpreted, and the
result cleaned by nh3 so that only plain formatting tags and http(s)/mailto links
remain, whatever the text contains (no style attributes: our CSP would refuse them)."""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
TAGS = {"p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"}


def render(text):
    html = _PARSER.render(text or "")
    return mark_safe(nh3.clean(html, tags=TAGS, attributes={"a": {"href", "title"}},
                               url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow"))
