from cablewatch.portal.models.announcements import (
    Announcement,
    DisclosureCandidate,
    ImportRun,
    ImportStatus,
)
from cablewatch.portal.models.results import PublishedResult, Verdict
from cablewatch.portal.models.watch import WatchItem, WatchList

__all__ = [
    "Announcement",
    "DisclosureCandidate",
    "ImportRun",
    "ImportStatus",
    "PublishedResult",
    "Verdict",
    "WatchItem",
    "WatchList",
]
