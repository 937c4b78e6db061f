"""What each rule id of a provider's procedure sets, in plain words, for the rules page.

The calculator cites rule ids (PC-12, UN-9…); each links to its entry here. A policy carries no
rule texts, so an entry says what the policy makes of the rule: the deadlines it sets (period,
start, the cases it applies to), the channels and departments it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reclamo.domain.deadlines import Basis
from reclamo.domain.policy import Period, Policy
from reclamo.labels import (
    CATEGORY_LABELS,
    CLOCK_EVENT_LABELS,
    CLOCK_LABELS,
    COMPLEXITY_LABELS,
    FAULT_PLACE_LABELS,
    KIND_PLURALS,
)
from reclamo.public.texts import localized


@dataclass
class RuleEntry:
    rule: str
    statements: list[str] = field(default_factory=list)


def period_words(period: Period | Basis) -> str:
    """ "30 days", "2 working hours": a policy's period, or the one a deadline was counted by."""
    count = period.amount
    if period.unit == "days":
        return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}
    if period.unit == "months":
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    if period.unit == "working_hours":
        return ngettext("%(count)d working hour", "%(count)d working hours", count) % {
            "count": count
        }
    return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}


def _clock(title: object, period: Period, start: str, kinds: Iterable[str], *extra: str) -> str:
    # The conditions are form labels ("Quality of the service"); inside a sentence, lower case.
    conditions = [word[:1].lower() + word[1:] for word in extra]
    applies = ", ".join([*(str(KIND_PLURALS[k]) for k in kinds), *conditions])  # type: ignore[index]
    return _("%(title)s: %(period)s %(start)s (%(applies)s).") % {
        "title": title,
        "period": period_words(period),
        "start": CLOCK_EVENT_LABELS[start],  # type: ignore[index]
        "applies": applies,
    }


def rule_entries(policy: Policy, language: str) -> list[RuleEntry]:
    """Every rule id the policy cites, in the order of the procedure's numbering."""
    entries: dict[str, RuleEntry] = {}

    def say(rule: str | None, statement: str | None = None) -> None:
        if rule is None:
            return
        entry = entries.setdefault(rule, RuleEntry(rule))
        if statement and statement not in entry.statements:
            entry.statements.append(statement)

    clocks = policy.clocks
    for resolution in clocks.resolution:
        complexity = (
            [str(COMPLEXITY_LABELS[resolution.complexity])] if resolution.complexity else []
        )
        say(
            resolution.rule,
            _clock(
                CLOCK_LABELS["resolution"],
                resolution.within,
                resolution.from_,
                resolution.kinds,
                *complexity,
            ),
        )
        if resolution.extension is not None:
            say(
                resolution.extension.rule,
                _clock(
                    CLOCK_LABELS["resolution_extended_max"],
                    resolution.extension.longest,
                    resolution.from_,
                    resolution.kinds,
                ),
            )
    for upheld in clocks.deemed_upheld:
        say(
            upheld.rule,
            _clock(CLOCK_LABELS["deemed_upheld"], upheld.within, upheld.from_, upheld.kinds),
        )
    for repair in clocks.repair:
        where = str(FAULT_PLACE_LABELS[repair.fault_location])
        say(
            repair.rule,
            _clock(CLOCK_LABELS["repair"], repair.within, repair.from_, repair.kinds, where),
        )
    for filing in clocks.filing:
        categories = [str(CATEGORY_LABELS[c]) for c in filing.categories]
        say(
            filing.rule,
            _clock(_("Filing deadline"), filing.within, filing.from_, filing.kinds, *categories),
        )
    for target in clocks.internal_target:
        say(
            target.rule,
            _clock(CLOCK_LABELS["internal_target"], target.within, target.from_, target.kinds),
        )
    for channel in policy.channels:
        if channel.kind == "api" or not channel.enabled:
            continue
        name = localized(policy, channel.name, language).text
        accepts = ", ".join(str(KIND_PLURALS[k]) for k in channel.accepts)
        say(
            channel.rule, _("%(channel)s accepts: %(kinds)s.") % {"channel": name, "kinds": accepts}
        )
        for refused, refusal in channel.refusals.items():
            say(
                refusal.rule,
                _("%(channel)s does not accept: %(kinds)s.")
                % {"channel": name, "kinds": KIND_PLURALS[refused]},
            )
    for department in policy.departments:
        say(department.rule, localized(policy, department.name, language).text)
    say(policy.routing.rule)
    say(policy.escalation.rule)
    say(policy.outcome.rule)
    return sorted(entries.values(), key=lambda e: _numbering(e.rule))


def _numbering(rule: str) -> tuple[str, int]:
    prefix, _sep, number = rule.rpartition("-")
    return (prefix, int(number) if number.isdigit() else 0)
