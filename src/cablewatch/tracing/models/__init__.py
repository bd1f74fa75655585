from cablewatch.tracing.models.flow import (
    Batch,
    EpcisImport,
    Holding,
    Installation,
    Location,
    Movement,
    Party,
)
from cablewatch.tracing.models.projects import Project
from cablewatch.tracing.models.recalls import Notification, Recall, RecallItem, RecallSource

__all__ = [
    "Batch",
    "EpcisImport",
    "Holding",
    "Installation",
    "Location",
    "Movement",
    "Notification",
    "Party",
    "Project",
    "Recall",
    "RecallItem",
    "RecallSource",
]
