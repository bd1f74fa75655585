"""The one REST API, /api/v1/, assembled from the routers that apps provide.

An app takes part by having a module `<app>.api` with `router` (a ninja Router)
and `PREFIX` (the path under /api/v1/).
"""

from __future__ import annotations

import importlib

from django.apps import apps
from ninja import NinjaAPI

from cablewatch.api import problems
from cablewatch.api.auth import AUTH
from cablewatch.api.problems import BoundedParser

api = NinjaAPI(
    title="CableWatch API",
    version="1",
    description=(
        "Supervision of wire and cable product quality. Authenticate with "
        "`Authorization: Bearer <token>` (tokens are issued on the staff pages). "
        "Errors are RFC 9457 problem+json naming the field and the reason."
    ),
    auth=AUTH,
    parser=BoundedParser(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)

for app in [config.name for config in apps.get_app_configs()]:
    if not app.startswith("cablewatch."):
        continue
    try:
        module = importlib.import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    if hasattr(module, "router"):
        api.add_router(getattr(module, "PREFIX", ""), module.router)
