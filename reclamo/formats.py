"""Dates, instants and time zones as people write them in each language, from CLDR (Babel).

One place for every date shown to a person (contact page, calculator, admin): Slovak genitive
months ("22. novembra 2026"), Romanian lowercase weekdays and months, Hungarian
"2026. december 21. (hétfő)". ``tidy_sentence`` applies the spelling rules that meet a date
inside a sentence (no double period; Hungarian drops the ordinal dot before a suffix: "14-ig").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format, get_timezone_location
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# A provider's zone named as its customers say it; Babel's location names ("časové pásmo
# Slovensko", "Szlovákia idő") read as generated, so the countries we serve are named here.
COUNTRY_TIME: dict[str, Promise] = {
    "SK": _("Slovak time"),
    "RO": _("Romanian time"),
    "HU": _("Hungarian time"),
}


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or get_language() or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def format_day(value: date, language: str | None = None, *, weekday: bool = False) -> str:
    """``value`` as a long date, optionally with its weekday, in ``language``."""
    locale = _locale(language)
    if not weekday:
        return format_date(value, "long", locale=locale)
    if locale.language == "hu":
        # Hungarian writes the weekday after the date, in brackets: "2026. december 21. (hétfő)".
        weekday_name = format_date(value, "EEEE", locale=locale)
        return f"{format_date(value, 'long', locale=locale)} ({weekday_name})"
    return format_date(value, "full", locale=locale)


def format_instant(value: datetime, zone: str, language: str | None = None) -> str:
    """``value`` as a wall-clock time in ``zone``, with the weekday: "pondelok 21. decembra 2026,
    14:30"."""
    locale = _locale(language)
    local = value.astimezone(ZoneInfo(zone))
    day = format_day(local.date(), locale.language, weekday=True)
    time = format_time(local, "short", locale=locale)
    glue = str(get_datetime_format("long", locale=locale))
    return glue.replace("{1}", day).replace("{0}", time).replace("'", "")


def zone_name(zone: str, country: str | None = None, language: str | None = None) -> str:
    """The provider's time zone in words ("Slovak time", "ora României"), never its tz id."""
    if country in COUNTRY_TIME:
        return str(COUNTRY_TIME[country])
    return get_timezone_location(zone, locale=_locale(language))


_ORDINAL_BEFORE_SUFFIX = re.compile(r"(\d)\.-")


def tidy_sentence(text: str, language: str | None = None) -> str:
    """A sentence that embeds a date, with the periods the language's spelling wants."""
    text = text.replace("..", ".")
    if _locale(language).language == "hu":
        text = _ORDINAL_BEFORE_SUFFIX.sub(r"\1-", text)
    return text


def own_language(code: str) -> str:
    """The language ``code`` in its own words (CLDR), capitalised: "Slovenčina", "Magyar"."""
    name = _locale(code).display_name or code
    return name[:1].upper() + name[1:]
