"""Helpers shared by the tests."""

import re


def text_of(response):
    """The text a visitor reads on a page: tags dropped, white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
