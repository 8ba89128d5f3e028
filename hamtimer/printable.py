"""Text from files, made safe to write to a terminal: names are data, never commands.

A circuit file (or a history, or a path) can hold control characters: ESC starts the
sequences that retitle a window, clear the screen or switch on mouse reporting; a carriage
return or backspace overwrites what was written; C1 characters (U+0080–U+009F) are escapes
to some terminals; bidirectional overrides reorder what is shown. `printable` shows every
one of them escaped, the way Python writes them (`\\x1b`, `\\u202e`), and leaves all other
text (accents, emoji, the glyphs hamtimer draws) as it is. Newlines and tabs stay: they
move the cursor only as text does.

Every command and every screen puts names, paths and messages through `printable` (the
report's texts and tables, the command-line output, the timer's view, the start screen);
`json_printable` does the same for JSON, where the escapes are JSON's own, so the data
read back is exactly what the file held.
"""

from __future__ import annotations

import codecs
import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character shown escaped: safe to write to a terminal."""
    return _UNSAFE.sub(_escaped, text)


def json_printable(dumped: str) -> str:
    """JSON text (from `json.dumps`) with the control characters it leaves raw escaped.

    `json.dumps` escapes U+0000–U+001F but writes DEL, C1 and the bidirectional controls
    as they are; inside a JSON string `\\u009b` reads back as the same character.
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def encodes_everything(encoding: str | None) -> bool:
    """True for an output encoding that can write any text (UTF-8, UTF-16, UTF-32)."""
    if not encoding:
        return False
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf")
