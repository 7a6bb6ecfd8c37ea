"""Text from inputs made safe to show: one function for every terminal, console and CSV output.

A company name, a staff name, an unknown key, a file name or a rule file's ``kind:`` is typed by
someone else. Written raw to a terminal, ``ESC ] 52`` sets the clipboard, ``ESC [2J`` clears
the screen, and U+202E turns the rest of a line around. ``visible`` shows every such character
as an escape the reader can see (``\\x1b``, ``\\u202e``) and leaves everything else, newlines
and tabs included, byte for byte as it was, so ordinary output does not change.

``json_text`` does the same for JSON text, where ``\\u202e`` is the same string as the raw
character (so the data is unchanged), and can make the whole text ASCII for a stream that
cannot encode the rest.

Names are compared the way people read them: ``same_name`` keys are NFC-normalised, without
zero-width characters, case-folded.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (except tab and newline), DEL, C1
    "\u00ad\u061c\u180e"  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    "\u200b-\u200f\u2028-\u202e"  # zero-width, LRM/RLM, line/paragraph separators, embeddings
    "\u2060-\u206f\ufeff\ufff9-\ufffb"  # word joiner, isolates, BOM, interlinear annotation
    "\U000e0000-\U000e007f"  # tag characters
    "\ud800-\udfff"  # lone surrogates (undecodable file names)
)
_UNSAFE = re.compile(f"[{_INVISIBLE}]")
_JSON_UNSAFE = re.compile(f"[{_INVISIBLE}]|[^\x00-\x7f]")
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(value: object) -> str:
    """``value`` as text whose control, bidi and invisible format characters are shown as
    escapes; newlines and tabs stay."""
    text = value if isinstance(value, str) else str(value)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(text: str, ascii_only: bool = False) -> str:
    """JSON text with invisible characters (and, with ``ascii_only``, every non-ASCII one)
    written as ``\\uXXXX`` escapes. Outside strings JSON is ASCII, so this never changes the
    data a JSON reader gets."""
    pattern = _JSON_UNSAFE if ascii_only else _UNSAFE
    return pattern.sub(_json_escape, text) if pattern.search(text) else text


def normal_name(name: str) -> str:
    """A name as stored: NFC (the same letters typed on different keyboards are equal)."""
    return unicodedata.normalize("NFC", name)


def name_key(name: str) -> str:
    """What makes two names the same person: NFC, no zero-width characters, no case, the
    spaces collapsed."""
    bare = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", name))
    return " ".join(bare.split()).casefold()
