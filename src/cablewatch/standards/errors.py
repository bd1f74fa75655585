"""Exceptions of the standards engine; every one derives from StandardsError."""

from __future__ import annotations


class StandardsError(Exception):
    """Base class of every error the standards engine raises."""


class DesignationError(StandardsError, ValueError):
    """A model designation could not be read.

    ``position`` is the 0-based index of the offending character in the text as given.
    """

    def __init__(self, text: str, position: int, expected_en: str, expected_zh: str) -> None:
        self.text = text
        self.position = position
        self.expected = expected_en
        self.expected_zh = expected_zh
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The error in the given language ("zh" or "en")."""
        if lang == "zh":
            return f"型号 {self.text!r} 第 {self.position} 个字符处: 应为{self.expected_zh}"
        return f"designation {self.text!r} at position {self.position}: expected {self.expected}"


class SchemeError(StandardsError, ValueError):
    """A severity scheme is malformed."""


class TableError(StandardsError):
    """A packaged data file is malformed (a packaging bug, not bad input)."""
