"""Helpers shared by the tests."""

import html
import re


def text_of(response):
    """The text a visitor reads on a page: tags dropped, entities decoded, white space folded."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))
