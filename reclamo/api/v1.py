from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from reclamo.api.auth import IntegrationTokenAuth
from reclamo.api.casework import router as casework_router
from reclamo.api.complaints import router as complaints_router
from reclamo.api.deadline_preview import router as deadline_preview_router
from reclamo.api.errors import JsonParser, install_error_handlers
from reclamo.api.intake import router as intake_router
from reclamo.api.openapi import ReclamoAPI
from reclamo.api.outages import router as outages_router
from reclamo.api.remedies import router as remedies_router
from reclamo.api.reports import router as reports_router

api = ReclamoAPI(
    title="Reclamo API",
    version="1",
    description="Complaint handling for electronic-communications providers (see api.md).",
    urls_namespace="api-v1",
    parser=JsonParser(),
)
install_error_handlers(api)
api.add_router("", deadline_preview_router)
api.add_router("", complaints_router)
api.add_router("", remedies_router)
api.add_router("", casework_router)
api.add_router("", intake_router)
api.add_router("", reports_router)
api.add_router("", outages_router)


class WhoAmI(Schema):
    provider: str
    name: str


@api.get("/me", response=WhoAmI, auth=IntegrationTokenAuth(), tags=["integration"])
def who_am_i(request: HttpRequest) -> dict[str, Any]:
    """The provider the integration token belongs to (a cheap way to test a token)."""
    provider = request.auth  # type: ignore[attr-defined]
    return {"provider": provider.slug, "name": provider.name}
