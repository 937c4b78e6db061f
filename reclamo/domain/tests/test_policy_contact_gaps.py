"""Warnings: enabled channels a customer could not use, for lack of an address, number or link.

`Channel.missing_contact_data` is the one rule; the public contact page and `policy_warnings`
(shown by `reclamo check_policy`) both use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reclamo.domain.policy import Channel, load_policy_file, load_policy_text, policy_warnings

BUNDLED = Path(__file__).resolve().parents[3] / "reclamo" / "providers" / "policies"
STREET = {"street": "Hrabinská 1775/36", "postal_code": "922 03", "city": "Vrbové", "country": "SK"}


def channel(kind: str, **data: Any) -> Channel:
    return Channel.model_validate(
        {"kind": kind, "name": {"en": kind}, "written": True, "accepts": ["complaint"], **data}
    )


@pytest.mark.parametrize(
    ("kind", "data", "missing"),
    [
        ("web", {}, ("url",)),
        ("web", {"url": "https://example.sk/complaint"}, ()),
        ("portal", {}, ("url",)),
        ("portal", {"url": "https://moj.example.sk"}, ()),
        ("email", {}, ("addresses",)),
        ("email", {"addresses": [{"email": "reklamacie@example.sk"}]}, ()),
        ("phone", {}, ("phone_numbers",)),
        ("phone", {"phone_numbers": [{"number": "0902 441 588", "e164": "+421902441588"}]}, ()),
        ("letter", {}, ("postal_address",)),
        (
            "letter",
            {"postal_address": {"city": "Kolárovo", "country": "SK"}},
            ("postal_address.street", "postal_address.postal_code"),
        ),
        ("letter", {"postal_address": STREET}, ()),
        ("in_person", {}, ("locations",)),
        (
            "in_person",
            {
                "locations": [
                    {"name": {"en": "Desk"}, "address": {"city": "Vrbové", "country": "SK"}}
                ]
            },
            ("locations.address.street",),
        ),
        ("in_person", {"locations": [{"name": {"en": "Desk"}, "address": STREET}]}, ()),
        ("api", {}, ()),
    ],
)
def test_missing_contact_data_names_what_the_customer_lacks(
    kind: str, data: dict[str, Any], missing: tuple[str, ...]
) -> None:
    assert channel(kind, **data).missing_contact_data() == missing


def warned(slug: str) -> set[tuple[str, str]]:
    path = BUNDLED / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    policy = load_policy_file(path)
    return {
        (policy.channels[int(w.path.split("]")[0].split("[")[1])].kind, w.path.split(".", 1)[1])
        for w in policy_warnings(policy, source=path.name, text=text)
    }


def test_the_bundled_procedures_gaps_are_warned_about() -> None:
    assert warned("unitel") == {
        ("letter", "postal_address.street"),
        ("email", "addresses"),
        ("web", "url"),
        ("portal", "url"),
    }
    assert warned("petrocomp") == {("email", "addresses"), ("portal", "url")}
    assert warned("pronet") == {("letter", "postal_address")}


def test_a_warning_names_the_line_the_field_and_the_gap() -> None:
    path = BUNDLED / "unitel.yaml"
    text = path.read_text(encoding="utf-8")
    warnings = policy_warnings(load_policy_file(path), source="unitel.yaml", text=text)
    email = next(w for w in warnings if w.path == "channels[2].addresses")
    assert email.line == [line.strip() for line in text.splitlines()].index("addresses: []") + 1
    assert str(email).startswith("unitel.yaml:")
    assert "the email channel is enabled but lacks an email address" in email.message


def test_disabled_and_api_channels_draw_no_warning() -> None:
    text = (BUNDLED / "petrocomp.yaml").read_text(encoding="utf-8")
    policy = load_policy_text(text, source="petrocomp.yaml")
    web = policy.channel("web")
    api = policy.channel("api")
    assert web is not None and not web.enabled and web.missing_contact_data() == ("url",)
    assert api is not None and api.enabled and api.missing_contact_data() == ()
    paths = {w.path for w in policy_warnings(policy)}
    assert not any(path.startswith(f"channels[{policy.channels.index(web)}]") for path in paths)


def test_without_the_text_warnings_still_name_the_field() -> None:
    policy = load_policy_file(BUNDLED / "pronet.yaml")
    (warning,) = policy_warnings(policy, source="pronet.yaml")
    assert (warning.line, warning.path) == (None, "channels[5].postal_address")
