"""/api/v1/: one NinjaAPI, each app contributing its router; OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from yalu.areas.api import router as areas_router
from yalu.core.api import API_AUTH
from yalu.exchange.api import router as exchange_router
from yalu.ledger.api import router as ledger_router
from yalu.linkage.api import router as linkage_router
from yalu.people.api import router as people_router
from yalu.permits.api import router as permits_router
from yalu.reports.api import router as reports_router
from yalu.statistics.api import router as statistics_router

api = NinjaAPI(
    title="Yalu API",
    version="1",
    description="Records and statistics of population movement across the border. Scoped by the caller's jurisdiction.",
    auth=API_AUTH,
    urls_namespace="api-v1",
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "You do not have permission for this."}, status=403)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Invalid input.", "errors": errors}, status=422)


api.add_router("/areas/", areas_router)
api.add_router("/people/", people_router)
api.add_router("/statistics/", statistics_router)
api.add_router("/ledger/", ledger_router)
api.add_router("/permits/", permits_router)
api.add_router("/linkage/", linkage_router)
api.add_router("/imports/", exchange_router)
api.add_router("/reports/", reports_router)
