"""The public page "When will my complaint be answered?" explains each deadline with its rule."""

from __future__ import annotations

from typing import Any

import pytest


def _ask(client, slug: str, language: str, htmx: bool = False, **fields: Any) -> str:  # type: ignore[no-untyped-def]
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"/{language}/p/{slug}/deadlines/", fields, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.rule("PC-12", "PC-13")
def test_PC_12_PC_13_petrocomp_deadlines_explained_in_slovak(client, bundled_providers) -> None:
    html = _ask(
        client,
        "petrocomp",
        "sk",
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        complexity="technical",
        defect_discovered_at="2026-11-20",
    )
    assert 'datetime="2026-12-21T23:59:59+01:00"' in html  # PC-12, T-2
    assert 'datetime="2027-01-19T23:59:59+01:00"' in html  # PC-13
    assert "Pravidlo PC-12" in html and "Pravidlo PC-13" in html
    # Each deadline says in plain words how it was counted (T-1, T-2).
    assert "Lehota 30 dní plynie od doručenia poskytovateľovi." in html
    assert "Lehota 60 dní plynie od doručenia poskytovateľovi." in html
    assert "lehota uplynie najbližší pracovný deň" in html
    assert '<html lang="sk">' in html


@pytest.mark.rule("PN-6")
def test_PN_6_received_in_the_evening_is_due_next_morning(client, bundled_providers) -> None:
    html = _ask(
        client,
        "pronet",
        "ro",
        kind="complaint",
        channel="web",
        received_at="2026-11-20T20:30",
        category="quality",
    )
    # Entered as Bucharest wall-clock time (the form says so): due 10:30 next day.
    assert 'datetime="2026-11-21T10:30:00+02:00"' in html
    assert "PN-6" in html
    assert "Termenul de 2 ore lucrătoare curge de la primirea de către furnizor." in html


@pytest.mark.rule("PC-2")
def test_PC_2_the_page_explains_an_email_refusal(client, bundled_providers) -> None:
    html = _ask(
        client,
        "petrocomp",
        "en",
        kind="complaint",
        channel="email",
        received_at="2026-11-20T10:00",
    )
    assert 'role="alert"' in html and "email" in html.lower()
    assert "PC-2" in html


def test_htmx_posts_get_only_the_calculator_back(client, bundled_providers) -> None:
    html = _ask(
        client,
        "unitel",
        "hu",
        htmx=True,
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        defect_discovered_at="2026-11-18",
    )
    assert html.lstrip().startswith('<div id="calculator">')
    assert "UN-9" in html and "UN-8" in html


def test_a_missing_time_is_a_form_error_not_a_crash(client, bundled_providers) -> None:
    html = _ask(client, "unitel", "en", kind="complaint", channel="letter", received_at="")
    assert 'class="errors"' in html
    # The summary at the top of the form takes focus and links to the field (a phone user
    # would otherwise not see an error ~1000 px above the button).
    summary = html[html.index('id="error-summary"') - 40 :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert '<a href="#id_received_at">When does the provider receive it?: ' in summary
    assert 'id="answer"' not in html


def test_a_wall_clock_time_that_does_not_exist_is_refused(client, bundled_providers) -> None:
    # 2026-03-29 02:30 does not exist in Bratislava (clocks jump from 02:00 to 03:00).
    html = _ask(
        client, "unitel", "en", kind="complaint", channel="letter", received_at="2026-03-29T02:30"
    )
    assert 'class="errors"' in html
    assert 'id="answer"' not in html


def test_the_form_offers_only_the_providers_own_channels(client, bundled_providers) -> None:
    html = client.get("/en/p/pronet/deadlines/").content.decode()
    assert 'value="in_person"' in html
    html = client.get("/en/p/unitel/deadlines/").content.decode()
    assert 'value="in_person"' not in html


def _form(client, slug: str, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    html = client.get(f"/{language}/p/{slug}/deadlines/").content.decode()
    start = html.index('<div id="calculator">')
    return html[start : html.index("</form>", start)]


def test_only_the_kinds_the_procedure_knows_are_offered(client, bundled_providers) -> None:
    assert 'value="discount_claim"' in _form(client, "petrocomp")
    assert 'value="discount_claim"' not in _form(client, "unitel")
    assert 'value="discount_claim"' not in _form(client, "pronet")


def test_the_providers_integration_is_not_offered_as_a_channel(client, bundled_providers) -> None:
    for slug in ("unitel", "pronet", "petrocomp"):
        form = _form(client, slug)
        assert 'value="api"' not in form and "Integration (API)" not in form


@pytest.mark.rule("PC-2")
def test_PC_2_petrocomp_opens_on_a_complaint_by_a_channel_that_takes_it(
    client, bundled_providers
) -> None:
    form = _form(client, "petrocomp")
    assert 'value="complaint" required id="id_kind_0" checked' in form
    assert '<option value="letter" selected>' in form
    assert '<option value="phone" selected>' not in form


def test_each_fact_is_asked_only_for_the_kinds_that_need_it(client, bundled_providers) -> None:
    form = _form(client, "unitel")
    # UN-8 / UN-10 count from the defect and the invoice: complaints only.
    assert 'data-kinds="complaint"' in form[: form.index('id="id_defect_discovered_at"')]
    # UN-4 counts from the start of the fault: complaints and fault reports.
    fault = form[: form.index('id="id_fault_started_at"')]
    assert fault[fault.rindex("data-kinds") :].startswith('data-kinds="complaint fault_report"')
    # No UNITEL clock depends on complexity or on the restoration of service.
    assert 'name="complexity"' not in form and 'name="service_restored_at"' not in form
    assert 'name="complexity"' in _form(client, "petrocomp")  # PC-12


def test_a_fact_for_another_kind_does_not_change_the_answer(client, bundled_providers) -> None:
    html = _ask(
        client,
        "unitel",
        "en",
        kind="request",
        channel="letter",
        received_at="2026-11-20T10:00",
        invoice_delivered_at="2026-01-01",  # entered for a billing complaint, then hidden
    )
    assert "Filing deadline" not in html and 'id="answer"' in html


def test_the_answer_names_the_department_and_the_time_zone_in_words(
    client, bundled_providers
) -> None:
    html = _ask(
        client,
        "unitel",
        "en",
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="billing",
        invoice_delivered_at="2026-11-18",
    )
    assert "Your case goes to: <strong>Customer service</strong>" in html
    assert "(Slovak time)" in html and "Europe/Bratislava" not in html
    assert "Monday, December 21, 2026" in html


@pytest.mark.rule("UN-8")
def test_UN_8_filing_day_in_hungarian_reads_naturally(client, bundled_providers) -> None:
    html = _ask(
        client,
        "unitel",
        "hu",
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        defect_discovered_at="2026-11-18",
    )
    # 30 days from 18 November: 18 December 2026 (a Friday).
    assert "Legkésőbb 2026. december 18-ig nyújtsa be." in html
    assert "2026. december 21. (hétfő)" in html  # UN-9: 30 days from receipt, rolled (T-2)
    assert ".." not in html.replace("...", "")
    assert "(szlovákiai idő)" in html


@pytest.mark.rule("PN-5")
def test_PN_5_romanian_dates_are_lower_case_in_running_text(client, bundled_providers) -> None:
    html = _ask(
        client,
        "pronet",
        "ro",
        kind="complaint",
        channel="web",
        received_at="2026-11-20T10:00",
        category="quality",
    )
    assert "decembrie 2026" in html and "(ora României)" in html
    assert "Decembrie" not in html


@pytest.mark.rule("PC-12", "PC-13")
def test_rule_ids_link_to_what_the_rule_sets(client, bundled_providers) -> None:
    html = _ask(
        client,
        "petrocomp",
        "en",
        kind="complaint",
        channel="letter",
        received_at="2026-11-20T10:00",
        category="quality",
        complexity="technical",
    )
    assert '<a class="rule" href="/en/p/petrocomp/rules/#rule-PC-12">Rule PC-12</a>' in html
    rules = client.get("/en/p/petrocomp/rules/").content.decode()
    entry = rules[rules.index('id="rule-PC-12"') :]
    entry = entry[: entry.index("</dd>")]
    assert "Answer due: 30 days from when the provider receives it" in entry
    assert 'id="rule-PC-13"' in rules
    assert "Deemed upheld: 60 days from when the provider receives it" in rules


@pytest.mark.rule("UN-1")
def test_UN_1_the_engines_notice_follows_the_language_choice_and_is_marked(
    client, bundled_providers
) -> None:
    html = _ask(
        client,
        "unitel",
        "ro",
        kind="complaint",
        channel="phone",
        received_at="2026-11-20T10:00",
        category="quality",
    )
    # UNITEL writes no Romanian: the notice is the English one, marked as such (not Slovak).
    assert '<p class="notice" lang="en">A phone report is not a complaint' in html
    assert "Telefonické oznámenie" not in html


@pytest.mark.rule("T-6")
@pytest.mark.parametrize(
    "received_at", ["0001-01-01T00:30", "9999-12-31T23:30", "1950-06-01T10:00"]
)
def test_a_time_the_product_cannot_count_in_is_a_form_error(
    client, bundled_providers, received_at
) -> None:
    html = _ask(client, "pronet", "en", kind="complaint", channel="letter", received_at=received_at)
    assert 'class="errors"' in html and 'id="answer"' not in html
    assert "outside the range" in html


def test_the_procedure_in_force_at_receipt_answers_not_todays(client, bundled_providers) -> None:
    # PETROCOMP's procedure took effect on 2015-01-01; a case received before it has none.
    html = _ask(
        client,
        "petrocomp",
        "en",
        kind="complaint",
        channel="letter",
        received_at="2014-06-02T10:00",
    )
    assert 'id="answer"' not in html
    assert "No complaint procedure of this provider was in force" in html
