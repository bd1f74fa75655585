"""API: the REST API under /api/v1/."""
