from cablewatch.spotcheck.models.aftermath import Rectification, Retest
from cablewatch.spotcheck.models.plans import ConflictDeclaration, DrawTask, Plan
from cablewatch.spotcheck.models.results import Report, ResultVersion
from cablewatch.spotcheck.models.samples import NotSampled, QuantityUnit, Sample, SamplePhoto

__all__ = [
    "ConflictDeclaration",
    "DrawTask",
    "NotSampled",
    "Plan",
    "QuantityUnit",
    "Rectification",
    "Report",
    "ResultVersion",
    "Retest",
    "Sample",
    "SamplePhoto",
]
