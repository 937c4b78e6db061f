"""A policy text in the visitor's language, and the language it is actually in.

The choice (issue 9): the visitor's language, else English where the policy has it, else the
provider's default language. Pages mark every fallback with ``lang`` (the ``langattr`` filter).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reclamo.domain.policy import LocalizedText, Policy

# The language a policy text falls back to before the provider's own (issue 9).
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Text:
    """A policy text and the language it is actually in (``lang`` differs on a fallback)."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def localized(policy: Policy, value: LocalizedText | None, language: str) -> Text:
    """``value`` in ``language``, else English, else the policy's default language."""
    return choose(value.root if value is not None else None, language, policy.default_language)


def choose(texts: Mapping[str, str] | None, language: str, default_language: str) -> Text:
    """The text of ``texts`` (language → text) a visitor reading ``language`` is shown."""
    if not texts:
        return Text("", language)
    for candidate in (language, FALLBACK_LANGUAGE, default_language):
        if candidate in texts:
            return Text(texts[candidate], candidate)
    first = next(iter(texts))
    return Text(texts[first], first)
