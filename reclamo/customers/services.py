"""Writes to the customer records: matching a case's contact data to a customer, or adding one."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from reclamo.customers.models import Customer
from reclamo.customers.selectors import customer_match
from reclamo.providers.models import Provider


@dataclass(frozen=True)
class CustomerContact:
    """What a channel learnt about who is writing or calling (phone already in E.164)."""

    name: str
    language: str
    reference: str = ""
    email: str = ""
    phone: str = ""


def customer_for_contact(*, provider: Provider, contact: CustomerContact) -> Customer:
    """The provider's customer these contact data belong to, added when none matches.

    Call inside the registering transaction. A match never overwrites stored data (a case's
    contact data are what the case says; the customer record is changed by staff).
    """
    found = customer_match(
        provider=provider, reference=contact.reference, phone=contact.phone, email=contact.email
    )
    if found is not None:
        return found
    # Inside the registering transaction no savepoint is needed (nothing here is caught and
    # retried): two round trips less per registration.
    with transaction.atomic(savepoint=False):
        return Customer.objects.create(
            provider=provider,
            reference=contact.reference,
            name=contact.name,
            email=contact.email.strip().lower(),
            phone=contact.phone,
            language=contact.language,
        )
