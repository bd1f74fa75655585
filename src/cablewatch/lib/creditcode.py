"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), entity type (1), administrative
division (6), organisation code (9, with its own GB 11714 check character) and
one check character over the first 17, computed modulo 31.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18


class CreditCodeError(ValueError):
    """The code is not a valid unified social credit code; `code` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 (all from the GB 32100 alphabet)."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise(raw: str) -> str:
    """Upper-case, strip spaces and convert full-width characters people paste in."""
    text = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in raw)
    return "".join(text.split()).upper()


def validate(raw: str) -> str:
    """Return the normalised code or raise CreditCodeError naming the reason."""
    code = normalise(raw)
    if len(code) != LENGTH:
        raise CreditCodeError("length", f"must be {LENGTH} characters, got {len(code)}")
    for position, ch in enumerate(code, start=1):
        if ch not in _VALUE:
            raise CreditCodeError(
                "character",
                f"character {position} ({ch}) is not allowed (I, O, S, V and Z are never used)",
            )
    if not code[2:8].isdigit():
        raise CreditCodeError("division", "characters 3-8 must be the six-digit division code")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(
            "check_digit", f"check character is {code[17]}, but the first 17 give {expected}"
        )
    return code


def is_valid(raw: str) -> bool:
    try:
        validate(raw)
    except CreditCodeError:
        return False
    return True


def make(authority: str, kind: str, division: str, organisation: str) -> str:
    """Build a valid code from its parts (for demo data and tests)."""
    first17 = f"{authority}{kind}{division}{organisation}"
    if len(first17) != LENGTH - 1:
        raise CreditCodeError("length", "parts must add up to 17 characters")
    bad = [ch for ch in first17 if ch not in _VALUE]
    if bad:
        raise CreditCodeError("character", f"character {bad[0]} is not allowed")
    return first17 + check_character(first17)
