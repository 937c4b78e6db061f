"""The public contact page is generated from the policy (PN-3: everything in one place)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from reclamo.accounts.tests.factories import ProviderStaffFactory


def _page(client, language: str, slug: str) -> str:
    response = client.get(f"/{language}/p/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.rule("PN-3")
def test_PN_3_pronet_page_shows_every_channel_number_menu_email_and_the_cash_desk(
    client, bundled_providers
) -> None:
    html = _page(client, "ro", "pronet")
    for number in ("021.589.41.41", "0784.824.599", "0726.880.112"):
        assert number in html
    for email in ("tehnic@pronetit.ro", "clienti@pronetit.ro", "plati@pronetit.ro"):
        assert f'href="mailto:{email}"' in html
    assert "Str. Iriceanu Ion nr. 16" in html
    # The map link comes from the GPS coordinates of the cash desk.
    assert "mlat=44.381988&amp;mlon=26.136262" in html
    # PN-3 menu: 1 → Technical, 2 → Payments, 3 → Customer Relations.
    assert html.index("Apăsați 1") < html.index("Apăsați 2") < html.index("Apăsați 3")


@pytest.mark.rule("PN-2")
@time_machine.travel(datetime(2026, 11, 21, 10, 0, tzinfo=UTC), tick=False)  # Saturday 12:00 RO
def test_PN_2_open_now_follows_each_departments_hours_on_a_saturday(
    client, bundled_providers
) -> None:
    html = _page(client, "en", "pronet")
    technical = html[html.index('id="department-technical"') :]
    payments = html[html.index('id="department-payments"') :]
    assert technical[: technical.index("</h3>")].count("Open now") == 1
    assert payments[: payments.index("</h3>")].count("Closed now") == 1


@pytest.mark.rule("PN-2")
@time_machine.travel(datetime(2026, 11, 23, 8, 0, tzinfo=UTC), tick=False)  # Monday 10:00 RO
def test_PN_2_payments_is_open_on_a_weekday_morning(client, bundled_providers) -> None:
    html = client.get("/en/p/pronet/open-now/").content.decode()
    payments = html[html.index('id="department-payments"') :]
    assert "Open now" in payments[: payments.index("</h3>")]


@pytest.mark.rule("UN-1")
def test_UN_1_unitel_page_in_hungarian_says_complaints_are_handled_in_slovak_only(
    client, bundled_providers
) -> None:
    html = _page(client, "hu", "unitel")
    assert "A panaszkezelés jelenleg kizárólag szlovák nyelven érhető el." in html
    # UN-1: the phone numbers are for faults; a phone report is not a complaint.
    assert "0948 031 942" in html and "0948 879 900" in html
    assert "A telefonos bejelentés nem minősül panasznak" in html


@pytest.mark.rule("PC-2")
def test_PC_2_petrocomp_page_says_email_complaints_are_not_handled(
    client, bundled_providers
) -> None:
    html = _page(client, "sk", "petrocomp")
    email = html[html.index('id="channel-email"') :]
    email = email[: email.index("</article>")]
    assert "reklamáci" in email.lower()
    assert "+421902441588" in html  # PC-1 hotline


@pytest.mark.rule("PC-1")
def test_PC_1_hotline_hours_are_shown(client, bundled_providers) -> None:
    html = _page(client, "en", "petrocomp")
    assert "08:00–18:00" in html and "09:00–18:00" in html


@pytest.mark.rule("PN-9")
def test_PN_9_pronet_page_names_where_to_turn_if_the_dispute_is_not_settled(
    client, bundled_providers
) -> None:
    html = _page(client, "en", "pronet")
    escalation = html[html.index('id="escalation-heading"') :]
    escalation = escalation[: escalation.index("</section>")]
    assert "(ANCOM)" in escalation and "Str. Delea Nouă nr. 2, sector 3" in escalation
    assert 'href="mailto:ancom@ancom.org.ro"' in escalation
    assert "(ANPC)" in escalation


def test_staff_see_that_the_cited_law_was_replaced_and_the_public_does_not(
    client, bundled_providers
) -> None:
    assert "cites replaced law" not in _page(client, "en", "unitel")
    staff = ProviderStaffFactory(provider=bundled_providers["unitel"])
    client.force_login(staff)
    html = _page(client, "en", "unitel")
    assert "cites replaced law" in html
    assert "351/2011" in html and "452/2021" in html


def test_staff_of_another_provider_get_no_staff_notice(client, bundled_providers) -> None:
    staff = ProviderStaffFactory(provider=bundled_providers["pronet"])
    client.force_login(staff)
    assert "cites replaced law" not in _page(client, "en", "petrocomp")


@pytest.mark.parametrize("slug", ["pronet", "unitel", "petrocomp"])
def test_contact_page_escapes_nothing_unsafe_and_has_one_h1(
    client, bundled_providers, slug
) -> None:
    html = _page(client, "en", slug)
    assert html.count("<h1>") == 1
    assert "<script>" not in html.replace(
        '<script src="/static/vendor/htmx.min.js" defer></script>', ""
    )
