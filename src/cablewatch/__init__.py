"""CableWatch: the information system for supervising wire and cable product quality."""

__version__ = "0.1.0"
