"""The letters of automatic outage credits that could not be sent (PC-9 credits without a claim):
why each failed is kept, staff send one again once the customer has an address, and another
provider's letters are out of reach."""

from __future__ import annotations

import pytest
from django.core import mail

from reclamo.billing.models import AppliedRemedy, BillingEvent
from reclamo.billing.notices import outage_credit_letter_send_again, outage_credit_letters_send
from reclamo.billing.outage_credits import outage_credits_compute
from reclamo.billing.selectors import outage_credit_letters_failed
from reclamo.billing.tests.test_credits import outage_with_customers
from reclamo.billing.tests.test_outages import automatic_petrocomp
from reclamo.customers.models import Customer
from reclamo.errors import ApplicationError
from reclamo.providers.models import Provider

pytestmark = pytest.mark.django_db


@pytest.mark.rule("PC-9")
def test_a_failed_credit_letter_keeps_why_and_is_sent_again_once_the_customer_has_an_address(
    bundled_providers: dict[str, Provider], django_capture_on_commit_callbacks
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    automatic_petrocomp(petrocomp)
    outage_credits_compute(outage=outage_with_customers(petrocomp, ["15.00"]))
    assert outage_credit_letters_send() == 1
    (failed,) = outage_credit_letters_failed(provider=petrocomp)
    assert failed.letter_status == "failed"
    assert "neither an email address nor a phone number" in failed.letter_error
    with pytest.raises(ApplicationError) as refused:
        outage_credit_letter_send_again(provider=petrocomp, remedy_id=failed.pk, actor="jana")
    assert refused.value.code == "no_contact"
    assert failed.customer_id is not None
    Customer.objects.filter(pk=failed.customer_id).update(email="c0@example.sk")
    with django_capture_on_commit_callbacks(execute=True):
        outage_credit_letter_send_again(provider=petrocomp, remedy_id=failed.pk, actor="jana")
    # The letters sweep ran after commit and sent it.
    sent = AppliedRemedy.objects.get(pk=failed.pk)
    assert (sent.letter_status, sent.letter_error) == ("sent", "")
    assert [message.to for message in mail.outbox] == [["c0@example.sk"]]
    event = BillingEvent.objects.get(type="credit_letter_resend_requested")
    assert event.actor == "jana" and event.data["customer"] == "C0"
    assert list(outage_credit_letters_failed(provider=petrocomp)) == []
    with pytest.raises(ApplicationError) as again:
        outage_credit_letter_send_again(provider=petrocomp, remedy_id=failed.pk, actor="jana")
    assert (again.value.code, again.value.status) == ("letter_not_failed", 409)


def test_another_providers_credit_letter_is_unknown(
    bundled_providers: dict[str, Provider],
) -> None:
    petrocomp = bundled_providers["petrocomp"]
    automatic_petrocomp(petrocomp)
    outage_credits_compute(outage=outage_with_customers(petrocomp, ["15.00"]))
    outage_credit_letters_send()
    failed = AppliedRemedy.objects.get()
    pronet = bundled_providers["pronet"]
    assert list(outage_credit_letters_failed(provider=pronet)) == []
    with pytest.raises(ApplicationError) as refused:
        outage_credit_letter_send_again(provider=pronet, remedy_id=failed.pk, actor="x")
    assert (refused.value.code, refused.value.status) == ("unknown_letter", 404)
    assert AppliedRemedy.objects.get().letter_status == "failed"
