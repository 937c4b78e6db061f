"""The letter of an automatic outage credit (``outage_credit.automatic``): each affected
customer is told, in their language, what they are credited and why — without having claimed it.

Sent in batches by a sweep (:func:`outage_credit_letters_send`, the task
``outage_credit_letters_sweep``), never one task per customer: an outage of 100,000 customers is
a few hundred batches. A batch is claimed first (``letter_status`` "sending", in one short
transaction), then sent with no lock held, then recorded; a claim whose worker died is taken
again after :data:`CLAIM_PERIOD`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from reclamo.billing.models import AppliedRemedy, BillingEvent
from reclamo.errors import ApplicationError
from reclamo.formats import format_day, format_instant
from reclamo.letters.services import CLAIM_PERIOD, NO_CONTACT, Letter, customer_letter_send
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_in_force, policy_of

BATCH = 500


def outage_credit_letter(remedy: AppliedRemedy, *, brand: str, time_zone: str) -> Letter:
    """The letter in the customer's language: the outage, the amount, the invoice, the rule."""
    customer = remedy.customer
    outage = remedy.outage
    assert customer is not None and outage is not None  # noqa: S101 (automatic credits have both)
    language = customer.language
    line = remedy.lines.all()[0] if remedy.lines.all() else None
    with translation.override(language):
        values = {
            "name": customer.name,
            "start": format_instant(outage.started_at, time_zone, language),
            "end": format_instant(outage.ended_at, time_zone, language),
            "amount": f"{remedy.amount} {remedy.currency}",
            "day": format_day(line.due_on, language) if line is not None else "",
            "rules": remedy.rules.replace(",", ", "),
            "reference": outage.reference,
            "brand": brand,
        }
        subject = gettext("Credit for the interruption of your service (%(reference)s)") % values
        paragraphs = [
            gettext("Dear %(name)s,") % values,
            gettext(
                "your service was interrupted from %(start)s to %(end)s. Under our complaint "
                "procedure (%(rules)s) we credit you %(amount)s on your next invoice, issued "
                "from %(day)s. You need not claim it or do anything else."
            )
            % values,
            gettext("We apologise for the interruption.") + "\n" + brand,
        ]
        sms = (
            gettext(
                "%(brand)s: for the interruption from %(start)s to %(end)s we credit you "
                "%(amount)s on your next invoice (%(rules)s)."
            )
            % values
        )
    text = "\n\n".join(paragraphs)
    html = "".join(f"<p>{escape(p)}</p>" for p in paragraphs).replace("\n", "<br>")
    return Letter(subject=subject, text=text, html=html, sms=sms, headers={})


def _claim(now: datetime, limit: int) -> list[int]:
    with transaction.atomic(durable=True):
        ids = list(
            AppliedRemedy.objects.select_for_update(skip_locked=True)
            .filter(
                Q(letter_status="queued")
                | Q(letter_status="sending", letter_sent_at__lt=now - CLAIM_PERIOD)
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        # letter_sent_at holds the claim's instant until the letter is sent.
        AppliedRemedy.objects.filter(pk__in=ids).update(letter_status="sending", letter_sent_at=now)
    return ids


def outage_credit_letters_send(*, now: datetime | None = None, limit: int = BATCH) -> int:
    """Send one batch of queued automatic-credit letters; answers how many were claimed."""
    now = now or timezone.now()
    ids = _claim(now, limit)
    if not ids:
        return 0
    remedies = (
        AppliedRemedy.objects.filter(pk__in=ids)
        .select_related("customer", "outage", "outage__provider")
        .prefetch_related("lines")
        .order_by("pk")
    )
    sent: list[int] = []
    failed: dict[str, list[int]] = defaultdict(list)  # by error: one UPDATE per distinct error
    policies: dict[int, tuple[str, str]] = {}
    mail = get_connection()
    with mail:
        for remedy in remedies:
            outage = remedy.outage
            assert outage is not None  # noqa: S101
            if outage.pk not in policies:
                policy = policy_of(policy_in_force(provider=outage.provider, at=outage.started_at))
                policies[outage.pk] = (policy.provider.brand, policy.time_zone)
            brand, zone = policies[outage.pk]
            customer = remedy.customer
            try:
                customer_letter_send(
                    email=customer.email if customer else "",
                    phone=customer.phone if customer else "",
                    letter=outage_credit_letter(remedy, brand=brand, time_zone=zone),
                    connection=mail,
                )
            except Exception as error:  # a gateway error or no address: staff see it
                failed[f"{type(error).__name__}: {error}"[:1000]].append(remedy.pk)
            else:
                sent.append(remedy.pk)
    with transaction.atomic(durable=True):
        AppliedRemedy.objects.filter(pk__in=sent, letter_status="sending").update(
            letter_status="sent", letter_sent_at=now, letter_error=""
        )
        for why, pks in failed.items():
            AppliedRemedy.objects.filter(pk__in=pks, letter_status="sending").update(
                letter_status="failed", letter_sent_at=None, letter_error=why
            )
    return len(ids)


def outage_credit_letter_send_again(
    *, provider: Provider, remedy_id: int, actor: str, now: datetime | None = None
) -> AppliedRemedy:
    """Put the failed letter of an automatic outage credit back in the queue (billing event
    ``credit_letter_resend_requested``); the letters sweep sends it after commit. Another
    provider's credit is unknown (404); a letter not failed, or a customer with neither an
    email address nor a phone number, is a 409."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        remedy = (
            AppliedRemedy.objects.select_for_update(of=("self",))
            .select_related("customer")
            .filter(pk=remedy_id, provider=provider, complaint__isnull=True)
            .first()
        )
        if remedy is None:
            raise ApplicationError(
                "unknown_letter", "No such credit letter in this register.", "remedy", status=404
            )
        if remedy.letter_status != "failed":
            raise ApplicationError(
                "letter_not_failed",
                "This letter has not failed: it is sent, or still being sent.",
                "remedy",
            )
        customer = remedy.customer
        if customer is None or not (customer.email or customer.phone):
            raise ApplicationError("no_contact", NO_CONTACT, "remedy")
        BillingEvent.objects.create(
            provider=provider,
            at=now,
            actor=actor,
            type="credit_letter_resend_requested",
            data={
                "remedy": remedy.pk,
                "customer": customer.reference,
                "error": remedy.letter_error,
            },
        )
        AppliedRemedy.objects.filter(pk=remedy.pk).update(letter_status="queued", letter_error="")
        remedy.letter_status, remedy.letter_error = "queued", ""
        from reclamo.billing.tasks import outage_credit_letters_sweep  # tasks import this module

        transaction.on_commit(lambda: outage_credit_letters_sweep.enqueue())
    return remedy
