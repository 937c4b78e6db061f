"""Customers: matching a case's contact data to the provider's customer, within one provider."""

from __future__ import annotations

import pytest

from reclamo.customers.selectors import customer_match
from reclamo.customers.services import CustomerContact, customer_for_contact
from reclamo.domain.errors import DomainError
from reclamo.domain.phones import phone_e164


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("0948 031 942", "SK", "+421948031942"),
        ("+421 948 031 942", "RO", "+421948031942"),
        ("00421948031942", "SK", "+421948031942"),
        ("0721 234 567", "RO", "+40721234567"),
    ],
)
def test_a_phone_number_is_kept_as_e164_read_in_the_providers_country(
    raw: str, country: str, expected: str
) -> None:
    assert phone_e164(raw, country) == expected


@pytest.mark.parametrize("raw", ["", "abc", "12", "+999 1"])
def test_what_is_no_phone_number_is_refused_with_the_field(raw: str) -> None:
    with pytest.raises(DomainError) as refused:
        phone_e164(raw, "SK", field="caller")
    assert refused.value.code == "invalid_phone" and refused.value.field == "caller"


@pytest.mark.django_db
def test_contact_data_match_by_reference_then_phone_then_email(bundled_providers) -> None:  # type: ignore[no-untyped-def]
    pronet = bundled_providers["pronet"]
    anna = customer_for_contact(
        provider=pronet,
        contact=CustomerContact(
            name="Anna Pop",
            language="ro",
            reference="C-1",
            email="Anna@Example.ro",
            phone="+40721234567",
        ),
    )
    assert anna.email == "anna@example.ro"
    same = CustomerContact(name="A. Pop", language="ro", email="ANNA@example.ro")
    assert customer_for_contact(provider=pronet, contact=same) == anna
    by_phone = CustomerContact(name="?", language="ro", phone="+40721234567")
    assert customer_for_contact(provider=pronet, contact=by_phone) == anna
    assert customer_match(provider=pronet, reference="C-2") is None


@pytest.mark.django_db
def test_another_providers_customer_is_never_matched(bundled_providers) -> None:  # type: ignore[no-untyped-def]
    contact = CustomerContact(name="Ján Novák", language="sk", email="jan@example.sk")
    at_unitel = customer_for_contact(provider=bundled_providers["unitel"], contact=contact)
    at_petrocomp = customer_for_contact(provider=bundled_providers["petrocomp"], contact=contact)
    assert at_unitel != at_petrocomp
    assert at_petrocomp.provider.slug == "petrocomp"
