"""Quality reports over HTTP (api.md "Quality reports"), their CSV and PDF, and the inputs a
helpdesk never holds (active lines, bills issued). The token's own provider only: another
provider's slug is a 404, as for the register."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from reclamo.api.auth import IntegrationTokenAuth, own_provider, request_token
from reclamo.api.complaints import Department
from reclamo.api.errors import ErrorOut
from reclamo.api.types import LocalDate
from reclamo.domain.policy import Policy
from reclamo.providers.selectors import policy_current
from reclamo.reporting.exports import quality_answer, quality_csv_lines, quality_pdf
from reclamo.reporting.inputs import report_inputs_read_items
from reclamo.reporting.selectors import QualityReport, quality_report, report_period
from reclamo.reporting.services import report_inputs_import

router = Router(tags=["reports"])
token_auth = IntegrationTokenAuth()


class PeriodQuery(Schema):
    first: LocalDate = Field(alias="from", description="First local date, inclusive.")
    last: LocalDate = Field(alias="to", description="Last local date, inclusive.")
    department: Department | None = None


class Percentiles4(Schema):
    p20: float | None
    p50: float | None
    p80: float | None
    p95: float | None


class Percentiles2(Schema):
    p80: float | None
    p95: float | None


class PeriodOut(Schema):
    from_: date = Field(alias="from")
    to: date


class ComplaintsOut(Schema):
    received: int
    resolved: int
    resolution_hours: Percentiles4
    within_term_share: str | None


class FaultReportsOut(Schema):
    received: int
    valid: int
    repair_hours: Percentiles2
    repaired: int
    per_100_lines: str | None = None


class BillingOut(Schema):
    received: int
    per_1000_bills: str | None = None


class InputsOut(Schema):
    average_active_lines: str | None
    bills_issued: int | None


class DepartmentOut(Schema):
    department: str
    complaints: ComplaintsOut
    fault_reports: FaultReportsOut
    billing_complaints: BillingOut


class QualityOut(Schema):
    period: PeriodOut
    complaints: ComplaintsOut
    fault_reports: FaultReportsOut
    billing_complaints: BillingOut
    inputs: InputsOut
    departments: list[DepartmentOut]


class InputItem(Schema):
    month: Annotated[str, Field(examples=["2026-07"], max_length=7)]
    measure: Annotated[str, Field(examples=["active_lines"], max_length=20)]
    service: Annotated[str, Field(max_length=50)] = ""
    value: int


class InputsIn(Schema):
    items: Annotated[list[InputItem], Field(max_length=10_000)]


class InputsImportedOut(Schema):
    imported: int


def _report(
    request: HttpRequest, slug: str, query: PeriodQuery
) -> tuple[QualityReport, Policy | None]:
    """The report, counted in the zone of the provider's current procedure (T-6), and that
    procedure (the PDF names the departments from it)."""
    provider = own_provider(request, slug)
    period = report_period(first=query.first, last=query.last)
    policy = policy_current(provider=provider)
    report = quality_report(
        provider=provider,
        period=period,
        time_zone=policy.time_zone if policy else "UTC",
        department=query.department,
    )
    return report, policy


@router.get(
    "/providers/{slug}/reports/quality",
    response={200: QualityOut, 422: ErrorOut},
    auth=token_auth,
    by_alias=True,
    summary="Quality indicators for a period",
)
def quality_report_endpoint(
    request: HttpRequest, slug: str, query: Query[PeriodQuery]
) -> dict[str, Any]:
    """The indicators regulators ask for (ETSI EG 202 057-1 as ANCOM applies it) between the
    local dates `from` and `to`, inclusive (at most 731 days); `department` narrows them to
    one department. Resolution times count complaints whose written statement was sent in the
    period; `pX` is the nearest-rank percentile in hours, one decimal, half up."""
    report, _policy = _report(request, slug, query)
    return quality_answer(report)


def _filename(report: QualityReport, extension: str) -> str:
    return f"quality-{report.provider.slug}-{report.period.label.replace('/', '_')}.{extension}"


@router.get(
    "/providers/{slug}/reports/quality.csv",
    response={200: None, 422: ErrorOut},
    auth=token_auth,
    summary="Quality indicators as CSV",
    openapi_extra={"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}},
)
def quality_report_csv(request: HttpRequest, slug: str, query: Query[PeriodQuery]) -> HttpResponse:
    """The same indicators, one CSV line each: the whole provider, then each department."""
    report, _policy = _report(request, slug, query)
    response = HttpResponse(
        "".join(quality_csv_lines(report)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    return response


@router.get(
    "/providers/{slug}/reports/quality.pdf",
    response={200: None, 422: ErrorOut},
    auth=token_auth,
    summary="Quality indicators as a PDF document",
    openapi_extra={
        "responses": {
            200: {
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
            }
        }
    },
)
def quality_report_pdf(request: HttpRequest, slug: str, query: Query[PeriodQuery]) -> HttpResponse:
    """The same indicators as a printable document with the method in plain words."""
    report, policy = _report(request, slug, query)
    names = {d.slug: policy.text(d.name) for d in policy.departments} if policy else {}
    pdf = quality_pdf(report, provider_name=report.provider.name, department_names=names)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response


@router.post(
    "/providers/{slug}/reports/inputs",
    response={200: InputsImportedOut, 422: ErrorOut},
    auth=token_auth,
    summary="Import active lines and bills issued",
)
def report_inputs_endpoint(request: HttpRequest, slug: str, body: InputsIn) -> dict[str, Any]:
    """Monthly figures the reports divide by: `active_lines` per `service`, `bills_issued`
    (no service). A figure sent again for the same month replaces the earlier one; a request
    with any problem stores nothing (`422 invalid_report_inputs`, every problem in `details`)."""
    provider = own_provider(request, slug)
    rows = report_inputs_read_items(items=[item.model_dump() for item in body.items])
    count = report_inputs_import(
        provider=provider,
        rows=rows,
        source=f"api:{request_token(request).prefix}",
        actor=request_token(request).prefix,
        now=timezone.now(),
    )
    return {"imported": count}
