"""The customer record a channel's case belongs to, written in the registering transaction.

Every channel hands :func:`customer_attach` to the registration service as (part of) its
``within`` hook, so the customer is matched or added only together with the case: a refused or
failed registration rolls back with it and leaves no customer behind.
"""

from __future__ import annotations

from reclamo.complaints.models import Complaint
from reclamo.complaints.services import CustomerContact
from reclamo.customers.models import Customer
from reclamo.customers.services import CustomerContact as CustomerRecordContact
from reclamo.customers.services import customer_for_contact

__all__ = ["customer_attach"]


def customer_attach(
    *, complaint: Complaint, contact: CustomerContact, customer: Customer | None = None
) -> Customer:
    """Give ``complaint`` its customer: ``customer`` (a signed-in portal customer), else the
    provider's customer these contact data match, else a new record. Call only inside the
    registering transaction (``complaint_register(within=…)``)."""
    if customer is None:
        customer = customer_for_contact(
            provider=complaint.provider,
            contact=CustomerRecordContact(
                name=contact.name,
                language=complaint.customer_language,
                reference=contact.reference,
                email=contact.email,
                phone=contact.phone,
            ),
        )
    elif customer.provider_id != complaint.provider_id:
        raise ValueError("the customer belongs to another provider")
    Complaint.objects.filter(pk=complaint.pk).update(customer=customer)
    complaint.customer = customer
    return customer
