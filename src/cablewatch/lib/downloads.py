"""The Content-Disposition of every download, quoted by one rule.

A file name built from a record (an announcement or report number, a batch id) may
hold quotes, semicolons, line breaks or Chinese: Django's content_disposition_header
quotes it (and adds the RFC 5987 `filename*` for non-ASCII names), so a name can
never end the header value or add a parameter.
"""

from __future__ import annotations

from django.http import HttpResponseBase
from django.utils.http import content_disposition_header


def attach(response: HttpResponseBase, filename: str, *, inline: bool = False) -> None:
    safe = "".join(c if c.isprintable() else "_" for c in filename)
    header = content_disposition_header(not inline, safe)
    if header:
        response["Content-Disposition"] = header
