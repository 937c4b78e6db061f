"""The public contact page is generated from the policy (PN-3: everything in one place)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.providers.services import policy_version_load

BUNDLED = Path(__file__).resolve().parents[2] / "providers" / "policies"


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
    assert html.index("apăsați 1") < html.index("apăsați 2") < html.index("apăsați 3")


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
    phone = html[html.index('id="channel-phone"') :]
    assert "Itt nem nyújtható be: panaszok" in phone[: phone.index("</article>")]


@pytest.mark.rule("PC-2")
def test_PC_2_petrocomp_page_says_email_complaints_are_not_handled(
    client, bundled_providers
) -> None:
    html = _page(client, "sk", "petrocomp")
    # The email card has no address to show, but the page still tells customers (PC-2).
    assert 'id="channel-email"' not in html
    note = html[html.index('id="not-accepted"') :]
    note = note[: note.index("</div>")]
    assert "E-mail" in note
    assert "Tu sa neprijímajú: reklamácie." in note
    assert (
        "Podať ich môžete: <span>List</span>, <span>Osobne</span>, <span>Zákaznícky portál</span>."
        in note
    )
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


def _card(html: str, kind: str) -> str:
    card = html[html.index(f'id="channel-{kind}"') :]
    return card[: card.index("</article>")]


@pytest.mark.rule("UN-1", "PC-2", "PN-3")
@pytest.mark.parametrize(
    ("slug", "shown", "hidden"),
    [
        # UNITEL's text gives a town only and no email address; its web form and portal are
        # Reclamo's own pages, which need no address in the policy.
        ("unitel", {"phone", "web", "portal"}, {"letter", "email", "api"}),
        # PETROCOMP publishes no email address; its web form is disabled, its portal is ours.
        ("petrocomp", {"phone", "letter", "in_person", "portal"}, {"email", "web", "api"}),
        # ProNET's text names no postal address.
        ("pronet", {"phone", "email", "web", "portal", "in_person"}, {"letter", "api"}),
    ],
)
def test_only_channels_a_customer_can_use_are_shown(
    client, bundled_providers, slug, shown, hidden
) -> None:
    html = _page(client, "en", slug)
    for kind in shown:
        assert f'id="channel-{kind}"' in html, kind
    for kind in hidden:
        assert f'id="channel-{kind}"' not in html, kind
    assert "Integration (API)" not in html


def test_no_reply_wording_and_no_editing_note_on_the_contact_page(
    client, bundled_providers
) -> None:
    petrocomp = _page(client, "en", "petrocomp")
    assert "was not registered" not in petrocomp
    assert "We have taken the fault" not in petrocomp
    # The hotline gives plain guidance instead, naming channels the customer can use.
    assert "Not accepted here: complaints (recorded here as fault reports instead)." in _card(
        petrocomp, "phone"
    )
    assert "Not named in the procedure" not in _page(client, "en", "unitel")
    assert "Nie je uvedený v reklamačnom poriadku" not in _page(client, "sk", "unitel")


def test_a_text_the_policy_lacks_falls_back_to_english_marked_with_its_language(
    client, bundled_providers
) -> None:
    html = _page(client, "hu", "pronet")  # ProNET writes Romanian and English
    assert "Departamentul Tehnic" not in html and "Casieria Berceni" not in html
    assert '<span lang="en">Technical Department</span>' in html
    assert '<h3 id="channel-phone-name" lang="en">Phone</h3>' in html
    html = _page(client, "ro", "unitel")  # UNITEL writes Slovak, Hungarian and English
    assert "Technické oddelenie" not in html
    assert '<p class="notice" role="note" lang="en">' in html
    assert 'lang="ro"' not in html.replace('<html lang="ro">', "")


def test_a_text_in_the_visitors_language_carries_no_lang_attribute(
    client, bundled_providers
) -> None:
    html = _page(client, "sk", "unitel")
    assert "Technické oddelenie" in html
    assert 'lang="en"' not in html and 'lang="hu"' not in html


def test_dates_are_written_as_each_language_writes_them(client, bundled_providers) -> None:
    assert "účinný od 1. júla 2020." in _page(client, "sk", "unitel")
    assert "hatályos 2020. július 1. napjától." in _page(client, "hu", "unitel")
    assert "în vigoare de la 1 ianuarie 2026." in _page(client, "ro", "pronet")
    for language in ("sk", "hu", "ro", "en"):
        assert ".." not in _page(client, language, "unitel").replace("...", "")


@pytest.mark.rule("PN-3")
@pytest.mark.parametrize("language", ["sk", "hu", "ro", "en"])
def test_map_coordinates_use_a_decimal_point_in_every_language(
    client, bundled_providers, language
) -> None:
    html = _page(client, language, "pronet")
    assert "(44.381988, 26.136262)" in html
    assert "44,381988" not in html


def test_languages_are_named_as_they_name_themselves(client, bundled_providers) -> None:
    html = _page(client, "en", "unitel")
    for name in ("English", "Română", "Slovenčina", "Magyar"):
        assert f">{name}</option>" in html


def test_kolarovo_is_guta_on_the_hungarian_page(client, bundled_providers) -> None:
    hungarian = _page(client, "hu", "unitel")
    assert "Székhely: UNITEL s.r.o., <span>Gúta</span>" in hungarian
    assert "Kolárovo" not in hungarian
    for language in ("sk", "en"):
        html = _page(client, language, "unitel")
        assert "Gúta" not in html
    # The official name is Slovak: marked as such on a page in another language.
    assert '<span lang="sk">Kolárovo</span>' in _page(client, "en", "unitel")


def test_the_letter_card_names_the_town_in_the_visitors_language(client, bundled_providers) -> None:
    text = (BUNDLED / "unitel.yaml").read_text(encoding="utf-8")
    street = "    postal_address:\n      street: Hlavná 1\n      postal_code: 946 03\n"
    policy_version_load(text=text.replace("    postal_address:\n", street), source_name="t.yaml")
    letter = _card(_page(client, "hu", "unitel"), "letter")
    assert "Hlavná 1" in letter and "946 03 Gúta" in letter and "Kolárovo" not in letter
    assert "946 03 Kolárovo" in _card(_page(client, "sk", "unitel"), "letter")


def test_an_escalation_bodys_phone_and_fax_are_apart_from_its_links(
    client, bundled_providers
) -> None:
    html = _page(client, "en", "pronet")
    assert '<span>Phone: <a href="tel:+40372845845">0372.845.845</a></span>' in html
    assert "<span>Fax: 0372.845.402</span>" in html


@pytest.mark.rule("UN-3")
def test_the_rules_page_names_the_fault_place_in_the_third_person(
    client, bundled_providers
) -> None:
    html = client.get("/sk/p/unitel/rules/").content.decode()
    assert "u zákazníka doma alebo v jeho priestoroch" in html
    assert "u mňa doma" not in html and "))" not in html


def _holding_card(html: str, marker: str) -> str:
    """The HTML of the card (article) holding ``marker``."""
    start = html.rindex("<article", 0, html.index(marker))
    return html[start : html.index("</article>", start)]


@pytest.mark.rule("PN-3")
def test_every_channel_that_takes_complaints_links_to_where_it_is_used(
    client, bundled_providers
) -> None:
    html = _page(client, "en", "pronet")
    # Each department's card links its own address and the numbers with the menu digit.
    technical = _holding_card(html, 'id="department-technical"')
    assert 'href="mailto:tehnic@pronetit.ro"' in technical
    assert "plati@pronetit.ro" not in technical
    assert 'href="tel:+40215894141"' in technical and "then press 1" in technical
    payments = _holding_card(html, 'id="department-payments"')
    assert 'href="mailto:plati@pronetit.ro"' in payments and "then press 2" in payments
    relations = _holding_card(html, 'id="department-customer-relations"')
    assert 'href="mailto:clienti@pronetit.ro"' in relations and "then press 3" in relations
    # The phone channel's numbers, the web form, the portal (sign-in and sign-up).
    phone = _holding_card(html, 'id="channel-phone"')
    for e164 in ("+40215894141", "+40784824599", "+40726880112"):
        assert f'href="tel:{e164}"' in phone
    assert 'href="/en/p/pronet/complaint/"' in _holding_card(html, 'id="channel-web"')
    portal = _holding_card(html, 'id="channel-portal"')
    assert 'href="/en/portal/signup/pronet/"' in portal and "next=/en/portal/" in portal
    # The regulator's number is a tel: link too.
    assert 'href="tel:+40372845845"' in html


def test_petrocomp_links_its_hotline_and_portal_and_offers_no_email(
    client, bundled_providers
) -> None:
    html = _page(client, "sk", "petrocomp")
    assert 'href="tel:+421902441588"' in html
    assert 'href="/sk/portal/signup/petrocomp/"' in html
    assert "mailto:" not in html.split('id="escalation-heading"')[0]
    assert 'href="/sk/p/petrocomp/complaint/"' not in html  # its web form is off
