"""Template filters for dates, instants, time zones and texts that fall back to another language.

Every date or instant a page shows goes through these filters (``reclamo.formats``), so each
language writes dates one way everywhere.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from reclamo.formats import format_day, format_instant, own_language, tidy_sentence, zone_name

register = template.Library()


@register.filter
def day(value: date | datetime | None) -> str:
    """ "22. novembra 2026"."""
    if value is None:
        return ""
    return format_day(value.date() if isinstance(value, datetime) else value)


@register.filter
def weekday_day(value: date | None) -> str:
    """ "nedeľa 22. novembra 2026", "2026. november 22. (vasárnap)"."""
    return format_day(value, weekday=True) if value is not None else ""


@register.filter
def instant(value: datetime | None, zone: str) -> str:
    """An aware instant as the wall-clock time in ``zone`` (the provider's)."""
    return format_instant(value, zone) if value is not None else ""


@register.filter
def zone_words(zone: str, country: str | None = None) -> str:
    return zone_name(zone, country)


@register.filter
def sentence(value: str) -> str:
    """A translated sentence that embeds a date, with its periods tidied."""
    if isinstance(value, SafeString):
        return SafeString(tidy_sentence(value))
    return tidy_sentence(str(value))


@register.filter
def langattr(value: Any) -> str:
    """` lang="sk"` when a policy text fell back to a language other than the page's."""
    lang = getattr(value, "lang", None)
    if not lang or lang == get_language():
        return ""
    return format_html(' lang="{}"', lang)


@register.filter
def field_kinds(field: BoundField) -> str:
    """` data-kinds="complaint request"`: the kinds a calculator field is asked for, so the
    page's script shows it only for those (without the script every field is shown)."""
    kinds = getattr(field.form, "kinds_of_field", {}).get(field.name)
    return format_html(' data-kinds="{}"', " ".join(kinds)) if kinds else ""


@register.filter
def own_language_name(code: str) -> str:
    """A language as it names itself, capitalised as a menu item: "Slovenčina", "Română"."""
    return own_language(code)
