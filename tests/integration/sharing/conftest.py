from tests.enforcement_support import enforcer, gd_enforcer, police  # noqa: F401 (fixtures)
