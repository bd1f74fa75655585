from cablewatch.portal.models.announcements import Announcement, DisclosureCandidate, ImportRun
from cablewatch.portal.models.results import PublishedResult, Verdict

__all__ = ["Announcement", "DisclosureCandidate", "ImportRun", "PublishedResult", "Verdict"]
