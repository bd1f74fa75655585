from cablewatch.base.models.agencies import Agency
from cablewatch.base.models.audit import AuditCheckpoint, AuditEntry, AuditHead
from cablewatch.base.models.regions import Division
from cablewatch.base.models.tokens import ApiToken
from cablewatch.base.models.users import ROLE_CAPABILITIES, Capability, Role, User

__all__ = [
    "ROLE_CAPABILITIES",
    "Agency",
    "ApiToken",
    "AuditCheckpoint",
    "AuditEntry",
    "AuditHead",
    "Capability",
    "Division",
    "Role",
    "User",
]
