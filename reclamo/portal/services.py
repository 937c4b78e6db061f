"""Writes of the customer portal: opening a customer's login once their email is confirmed.

Sign-up never creates anything before the customer has proved the address is theirs: the form
only mails a signed link (:func:`signup_token_make`), and the password is chosen on the page that
link opens. So nobody can prepare an account, with a password they know, for someone else's
address. The login is bound to one provider and to one ``Customer`` (``Customer.user``): the
provider's customer with that address that has no login yet, else a new customer record.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from reclamo.accounts.models import User
from reclamo.customers.models import Customer
from reclamo.errors import ApplicationError
from reclamo.portal.models import SignupMail
from reclamo.providers.models import Provider
from reclamo.providers.selectors import policy_current

__all__ = [
    "SignupRequest",
    "portal_account_open",
    "signup_mail_record",
    "signup_token_make",
    "signup_token_read",
]

_SALT = "reclamo.portal.signup"


@dataclass(frozen=True, slots=True)
class SignupRequest:
    provider_id: int
    email: str
    name: str
    language: str
    phone: str = ""


def signup_token_make(request: SignupRequest) -> str:
    return signing.dumps(asdict(request), salt=_SALT, compress=True)


def signup_token_read(token: str) -> SignupRequest | None:
    """The sign-up a link confirms; None when it is forged, broken or older than
    RECLAMO_PORTAL_SIGNUP_MAX_AGE."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.RECLAMO_PORTAL_SIGNUP_MAX_AGE)
        return SignupRequest(**data)
    except (signing.BadSignature, TypeError, ValueError):
        return None


def portal_account_open(*, provider: Provider, signup: SignupRequest, password: str) -> User:
    """Create the confirmed customer's login and bind it to their customer record.

    Raises ``ApplicationError("account_exists")`` when the address already has a login.
    """
    email = signup.email.strip().lower()
    with transaction.atomic(durable=True):
        if User.objects.filter(username__iexact=email).exists():
            raise ApplicationError("account_exists", "This address already has an account.")
        user = User(
            username=email,
            email=email,
            first_name=signup.name[:150],
            role=User.Role.CUSTOMER,
            provider=provider,
            language=signup.language if signup.language in dict(settings.LANGUAGES) else "",
        )
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save(force_insert=True)
        except IntegrityError:
            raise ApplicationError(
                "account_exists", "This address already has an account."
            ) from None
        customer = (
            Customer.objects.select_for_update()
            .filter(provider=provider, email=email, user__isnull=True)
            .order_by("id")
            .first()
        )
        if customer is None:
            customer = Customer.objects.create(
                provider=provider,
                name=signup.name,
                email=email,
                phone=signup.phone,
                language=signup.language or provider_language(provider),
                user=user,
            )
        else:
            customer.user = user
            customer.save(update_fields=["user", "updated_at"])
    return user


def signup_mail_record(
    *, provider: Provider, email: str, client_address: str, now: datetime
) -> None:
    """Remember a sign-up mail sent, for the limits (``signup_mail_limit_reached``)."""
    with transaction.atomic(durable=True):
        SignupMail.objects.create(
            provider=provider, email=email, client_address=client_address[:64], sent_at=now
        )


def provider_language(provider: Provider) -> str:
    policy = policy_current(provider=provider)
    return policy.default_language if policy is not None else settings.LANGUAGE_CODE
