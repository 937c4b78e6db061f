"""A quality report as the API answers it (api.md), as CSV rows and as a PDF.

One table of indicators (key, label, value) serves every form, so the CSV, the PDF, the public
page and the monthly mail always show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reclamo.csv_lines import CsvLines
from reclamo.domain.quality import hours, rate
from reclamo.reporting.selectors import (
    REPAIR_PERCENTS,
    RESOLUTION_PERCENTS,
    Indicators,
    QualityReport,
)


def _hours_json(values: dict[int, Any]) -> dict[str, float | None]:
    answer: dict[str, float | None] = {}
    for percent, value in values.items():
        taken = hours(value)
        answer[f"p{percent}"] = float(taken) if taken is not None else None
    return answer


def _indicators_answer(indicators: Indicators) -> dict[str, Any]:
    return {
        "complaints": {
            "received": indicators.complaints_received,
            "resolved": indicators.complaints_resolved,
            "resolution_hours": _hours_json(indicators.resolution),
            "within_term_share": indicators.within_term_share,
        },
        "fault_reports": {
            "received": indicators.fault_reports_received,
            "valid": indicators.fault_reports_valid,
            "repair_hours": _hours_json(indicators.repair),
            "repaired": indicators.fault_reports_repaired,
        },
        "billing_complaints": {"received": indicators.billing_complaints_received},
    }


def quality_answer(report: QualityReport) -> dict[str, Any]:
    """The api.md answer, plus (docs/api-additions.md) the rates, the inputs behind them and
    the same figures per department."""
    answer: dict[str, Any] = {
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        **_indicators_answer(report.total),
    }
    answer["fault_reports"]["per_100_lines"] = report.fault_reports_per_100_lines
    answer["billing_complaints"]["per_1000_bills"] = report.billing_complaints_per_1000_bills
    lines = report.average_active_lines
    answer["inputs"] = {
        "average_active_lines": str(lines.quantize(Decimal("0.01"))) if lines is not None else None,
        "bills_issued": report.bills_issued,
    }
    answer["departments"] = [
        {"department": slug, **_indicators_answer(indicators)}
        for slug, indicators in report.departments.items()
    ]
    return answer


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    value: str | None  # as written in the CSV: plain digits, "." decimals; None: no figure

    @property
    def shown(self) -> str:
        """The value in the reader's language (decimal comma where they write one)."""
        if self.value is None:
            return "—"
        return str(number_format(Decimal(self.value))) if "." in self.value else self.value


def _hours_text(value: Any) -> str | None:
    taken = hours(value)
    return str(taken) if taken is not None else None


def indicator_figures(indicators: Indicators, report: QualityReport | None = None) -> list[Figure]:
    """The indicators in the order they are published; ``report`` adds the rates (the whole
    provider's only: lines and bills are not kept per department)."""
    figures = [
        Figure(
            "complaints_received", _("Complaints received"), str(indicators.complaints_received)
        ),
        Figure(
            "complaints_resolved",
            _("Complaints resolved (written answer sent)"),
            str(indicators.complaints_resolved),
        ),
    ]
    figures += [
        Figure(
            f"resolution_p{percent}",
            _("Hours within which the fastest %(percent)d %% of complaints were resolved")
            % {"percent": percent},
            _hours_text(indicators.resolution[percent]),
        )
        for percent in RESOLUTION_PERCENTS
    ]
    figures += [
        Figure(
            "within_term_share",
            _("Share of complaints resolved within the term"),
            indicators.within_term_share,
        ),
        Figure(
            "fault_reports_received",
            _("Fault reports received"),
            str(indicators.fault_reports_received),
        ),
        Figure(
            "fault_reports_valid",
            _("Valid fault reports (not caused by the customer, not unfounded)"),
            str(indicators.fault_reports_valid),
        ),
    ]
    figures += [
        Figure(
            f"repair_p{percent}",
            _("Hours within which the fastest %(percent)d %% of faults were repaired")
            % {"percent": percent},
            _hours_text(indicators.repair[percent]),
        )
        for percent in REPAIR_PERCENTS
    ]
    if report is not None:
        figures.append(
            Figure(
                "fault_reports_per_100_lines",
                _("Valid fault reports per 100 active lines"),
                report.fault_reports_per_100_lines,
            )
        )
    figures.append(
        Figure(
            "billing_complaints_received",
            _("Complaints about bills"),
            str(indicators.billing_complaints_received),
        )
    )
    if report is not None:
        figures.append(
            Figure(
                "billing_complaints_per_1000_bills",
                _("Complaints about bills per 1000 bills issued"),
                report.billing_complaints_per_1000_bills,
            )
        )
    return figures


def quality_csv_lines(report: QualityReport) -> Iterator[str]:
    """The report as CSV: one line per indicator, the whole provider first, then each
    department (``department`` empty for the whole provider)."""
    out = CsvLines()
    yield out.line(("period_from", "period_to", "department", "indicator", "value", "label"))
    period = (report.period.first.isoformat(), report.period.last.isoformat())
    sections: list[tuple[str, list[Figure]]] = [("", indicator_figures(report.total, report))]
    sections += [(slug, indicator_figures(ind)) for slug, ind in report.departments.items()]
    for department, figures in sections:
        for figure in figures:
            yield out.line((*period, department, figure.key, figure.value or "", figure.label))


def quality_pdf(
    report: QualityReport, *, provider_name: str, department_names: dict[str, str]
) -> bytes:
    """The report as a PDF document (WeasyPrint), in the active language."""
    from weasyprint import HTML  # heavy: imported where a PDF is made

    html = render_to_string(
        "reporting/quality_report_pdf.html",
        {
            "report": report,
            "provider_name": provider_name,
            "total": indicator_figures(report.total, report),
            "departments": [
                (department_names.get(slug, slug), indicator_figures(indicators))
                for slug, indicators in report.departments.items()
            ],
        },
    )
    return bytes(HTML(string=html).write_pdf())


# ANCOM Decision 1201/2011 (as amended by Decision 1112/2017): the administrative quality
# indicators a provider of internet access publishes, in the regulator's own wording and order
# (Romanian: these rows are the regulator's format, not a translated page). The reading chosen
# for each row is in docs/reports.md ("ANCOM table"); "—" where Reclamo holds no figure.
def _percent(part: int, whole: int) -> str | None:
    return rate(part, whole, 100)


def _repair_hours(report: QualityReport, percent: int) -> str | None:
    return _hours_text(report.total.repair[percent])


def _resolution_hours(report: QualityReport, percent: int) -> str | None:
    return _hours_text(report.total.resolution[percent])


def _lines_rate(report: QualityReport, count: int) -> str | None:
    return rate(count, report.average_active_lines, 100)


ANCOM_ROWS: tuple[tuple[str, str, Callable[[QualityReport], str | None]], ...] = (
    (
        "Termenul de remediere a deranjamentelor",
        "Durata (ore) în care se încadrează 80% din cele mai rapid remediate deranjamente valide",
        lambda r: _repair_hours(r, 80),
    ),
    (
        "Termenul de remediere a deranjamentelor",
        "Durata (ore) în care se încadrează 95% din cele mai rapid remediate deranjamente valide",
        lambda r: _repair_hours(r, 95),
    ),
    *(
        (
            "Termenul de soluționare a reclamațiilor",
            f"Durata (ore) în care se încadrează {percent}% din cele mai rapid soluționate "
            "reclamații",
            (lambda p: lambda r: _resolution_hours(r, p))(percent),
        )
        for percent in RESOLUTION_PERCENTS
    ),
    (
        "Termenul de soluționare a reclamațiilor",
        "Procentul reclamațiilor soluționate în termenul asumat (%)",
        lambda r: _percent(r.total.within_term, r.total.complaints_resolved),
    ),
    (
        "Frecvența reclamațiilor utilizatorului final",
        "Reclamații primite la 100 de conexiuni active (%)",
        lambda r: _lines_rate(r, r.total.complaints_received),
    ),
    (
        "Frecvența reclamațiilor referitoare la deranjamente",
        "Deranjamente valide reclamate la 100 de conexiuni active (%)",
        lambda r: _lines_rate(r, r.total.fault_reports_valid),
    ),
    (
        "Frecvența reclamațiilor privind corectitudinea facturării",
        "Reclamații privind factura la 100 de facturi emise (%)",
        lambda r: rate(r.total.billing_complaints_received, r.bills_issued, 100),
    ),
)


def ancom_csv_lines(reports: Sequence[QualityReport]) -> Iterator[str]:
    """The ANCOM table: one line per parameter, one column per period (oldest first), values
    with a decimal point and empty where there is no figure."""
    out = CsvLines()
    ordered = sorted(reports, key=lambda report: report.period.first)
    periods = (
        f"{report.period.label} ({report.period.first:%d.%m.%Y}–{report.period.last:%d.%m.%Y})"
        for report in ordered
    )
    yield out.line(("Indicator", "Parametru", *periods))
    for indicator, parameter, value in ANCOM_ROWS:
        yield out.line((indicator, parameter, *((value(report) or "") for report in ordered)))
