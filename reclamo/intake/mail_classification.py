"""What an inbound email is and where it goes, read from the policy's email channel: the
department of the address it was sent to (PN-3), its kind and category
(docs/email-classification.md)."""

from __future__ import annotations

import re
import unicodedata

from reclamo.domain.policy import Policy
from reclamo.domain.policy.channels import EmailAddress
from reclamo.intake.mime import InboundEmail

__all__ = ["EMAIL_KIND", "email_department", "email_kind_and_category"]

# What an email is, when nothing says otherwise: a customer writing about a problem.
EMAIL_KIND = "complaint"


def _address_sent_to(policy: Policy, parsed: InboundEmail, recipient: str) -> EmailAddress | None:
    """The policy's address the message was sent to: the envelope recipient (``recipient``),
    else Delivered-To, else X-Original-To, else the first To/Cc address the policy names."""
    channel = policy.channel("email")
    listed = channel.addresses if channel is not None else []
    addresses = {address.email.lower(): address for address in listed}
    chosen = recipient.strip().lower()
    if not chosen:
        chosen = next(iter(parsed.delivered_to or parsed.original_to), "")
    if not chosen:
        chosen = next((address for address in parsed.to_cc if address in addresses), "")
    return addresses.get(chosen)


def email_department(policy: Policy, parsed: InboundEmail, recipient: str = "") -> str | None:
    """PN-3: the department of the address the message was sent to; None for a message to none
    of the policy's addresses, or to one naming no department: the policy's routes then decide
    by kind and category (and their default)."""
    address = _address_sent_to(policy, parsed, recipient)
    return address.department if address is not None else None


def _folded_words(text: str) -> list[str]:
    """The words of ``text`` without case or diacritics ("Žiadosť o zľavu" → žiadost, o, zlavu)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"\w+", plain.replace("ł", "l").replace("đ", "d"))


def email_kind_and_category(
    policy: Policy, parsed: InboundEmail, recipient: str = ""
) -> tuple[str, str | None]:
    """What the message is (its kind) and what about (its category), by the policy's email
    channel (docs/email-classification.md):

    1. the customer's own words: the first ``subject_words`` entry with a kind whose word
       starts a word of the subject (a customer who writes "Žiadosť o zľavu" files a discount
       claim, and the procedure's rule for discount claims by email applies — PC-2, PC-9);
    2. else the kind of the address it was sent to (a faults-only address);
    3. else the channel's ``default_kind``, else a complaint: a customer writing to a provider
       about a problem is complaining unless they say otherwise.

    The category is the first ``subject_words`` entry with a category that matches; else none
    (staff classify it).
    """
    channel = policy.channel("email")
    if channel is None:
        return EMAIL_KIND, None
    words = _folded_words(parsed.subject)
    kind: str | None = None
    category: str | None = None
    for entry in channel.subject_words:
        stems = [stem for folded in entry.words for stem in _folded_words(folded)[:1]]
        if not any(word.startswith(stem) for word in words for stem in stems):
            continue
        if kind is None and entry.kind is not None:
            kind = entry.kind
        if category is None and entry.category is not None:
            category = entry.category
    if kind is None:
        address = _address_sent_to(policy, parsed, recipient)
        kind = (address.kind if address is not None else None) or channel.default_kind
    return kind or EMAIL_KIND, category
