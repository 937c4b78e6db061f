"""Reads of the customer records, always within one provider."""

from __future__ import annotations

from reclamo.customers.models import Customer
from reclamo.providers.models import Provider


def customer_match(
    *, provider: Provider, reference: str = "", phone: str = "", email: str = ""
) -> Customer | None:
    """The provider's customer with this reference, else this phone (E.164), else this email.

    The reference is the provider's own key and wins; a phone or an address shared by several
    customers (a family, a company's switchboard) matches the oldest record.
    """
    customers = Customer.objects.filter(provider=provider)
    if reference:
        return customers.filter(reference=reference).first()
    if phone:
        found = customers.filter(phone=phone).order_by("id").first()
        if found is not None:
            return found
    if email:
        # Addresses are stored lower-cased (customer_for_contact), so the index serves this.
        return customers.filter(email=email.strip().lower()).order_by("id").first()
    return None


def customer_of_user(*, user_id: int) -> Customer | None:
    """The customer a portal login belongs to (None for staff and unknown logins)."""
    return Customer.objects.select_related("provider").filter(user_id=user_id).first()
