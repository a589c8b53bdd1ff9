"""Pure text helpers for Vietnamese: alphabetical order and diacritic-free search keys."""

from __future__ import annotations

import functools
import unicodedata

__all__ = ["ascii_slug", "fold", "name_sort_key", "vietnamese_sort_key"]

# The Vietnamese alphabet; letters outside it sort after, by code point.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}
# Marks that make a new letter of the base letter (ă, â, ê, ô, ơ, ư).
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# Tones in dictionary order: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text):
    """Yield (letter, tone) pairs of ``text``, the letter composed with its letter marks only."""
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        tone = 0
        letter_marks = ""
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                letter_marks += mark
        yield unicodedata.normalize("NFC", base + letter_marks), tone


@functools.lru_cache(maxsize=4096)
def vietnamese_sort_key(text: str):
    """Sort key that orders names as a Vietnamese dictionary does.

    Letters first (a < ă < â < b …, d < đ), then tones (level < huyền < hỏi < ngã < sắc < nặng),
    then the text itself, so that "Tam Nông" < "Tân Hồng" < "Thanh Bình" < "Tháp Mười".
    """
    pairs = list(_letters(text or ""))
    letters = tuple(_RANK.get(letter, len(_ALPHABET) + ord(letter[0])) for letter, _tone in pairs)
    tones = tuple(tone for _letter, tone in pairs)
    return letters, tones, text


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics or repeated spaces: "Nguyễn  Văn Đức" -> "nguyen van duc".

    Stored beside names so that a visitor's search ignores diacritics and case alike
    on every database.
    """
    text = (text or "").casefold()
    if text.isascii():
        # Codes, "x", names typed without diacritics: nothing to decompose.
        return " ".join(text.split())
    text = text.replace("đ", "d")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    # An import folds every name, so the usual case is done in C: when each composed letter decomposed into
    # one ASCII letter and its marks (all of Vietnamese), dropping what is not ASCII drops just the marks.
    ascii_only = decomposed.encode("ascii", "ignore")
    if len(ascii_only) == len(text):
        return " ".join(ascii_only.decode("ascii").split())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def name_sort_key(text: str):
    """Sort key for names in the current language: Vietnamese dictionary order in Vietnamese, else
    alphabetical order ignoring case and diacritics ("Judicial" before "State" in English, which
    the Vietnamese alphabet, having no j, would put last)."""
    from django.utils.translation import get_language

    if (get_language() or "vi").lower().startswith("vi"):
        return vietnamese_sort_key(text)
    return fold(text), text


def ascii_slug(text: str) -> str:
    """An address part in plain ASCII, Vietnamese folded: "Kế hoạch 123/KH-STP" -> "ke-hoach-123-kh-stp"."""
    from django.utils.text import slugify

    return slugify(fold(text).replace("/", " "))
