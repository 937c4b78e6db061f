"""Phone numbers as the register keeps them: E.164, read in the provider's country."""

from __future__ import annotations

import phonenumbers

from reclamo.domain.errors import DomainError


def phone_e164(raw: str, country: str, *, field: str = "phone") -> str:
    """``raw`` ("0948 031 942", "+421 948 031 942", "00421948031942") as E.164 ("+421948031942").

    A number without a country prefix is read as a number of ``country`` (the provider's country,
    ISO 3166 alpha-2). Refuses with ``invalid_phone`` what is not a possible number anywhere.
    """
    try:
        number = phonenumbers.parse(raw, country)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise DomainError(
            f"{field}: {raw!r} is not a phone number; give it with its country prefix, "
            "e.g. +421 948 031 942.",
            field=field,
            code="invalid_phone",
            params={"value": raw},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
