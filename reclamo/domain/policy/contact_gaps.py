"""Warnings: what a policy that loads still lacks for its customers.

A warning does not stop a policy from loading (procedures often publish a channel without its
address, and the provider fills it in later); it tells the provider's admin what customers would
run into. Today: every enabled channel without the contact data a customer needs to use it
(:meth:`Channel.missing_contact_data`, the same rule the public contact page applies).
"""

from __future__ import annotations

from reclamo.domain.policy.fields import Loc
from reclamo.domain.policy.loading import policy_tree
from reclamo.domain.policy.problems import PolicyProblem, locate
from reclamo.domain.policy.schema import Policy

_WHAT_CUSTOMERS_NEED = {
    "url": "the address of its page (url)",
    "addresses": "an email address (addresses)",
    "phone_numbers": "a phone number (phone_numbers)",
    "postal_address": "a postal address (postal_address)",
    "postal_address.street": "the street of the postal address",
    "postal_address.postal_code": "the postal code of the postal address",
    "locations": "a location with its address (locations)",
    "locations.address.street": "a location whose address has a street",
}


def policy_warnings(
    policy: Policy, *, source: str = "policy", text: str | None = None
) -> list[PolicyProblem]:
    """Non-fatal problems of a valid ``policy``; with its ``text``, located by line."""
    root = policy_tree(text, source=source) if text is not None else None
    warnings: list[PolicyProblem] = []
    for index, channel in enumerate(policy.channels):
        missing = channel.missing_contact_data()
        if not channel.enabled or not missing:
            continue
        # Point at where the data goes: the first missing field, or the channel.
        loc: Loc = ("channels", index, *missing[0].split("."))
        if root is not None:
            line, path = locate(root, loc)
        else:
            line, path = None, f"channels[{index}].{missing[0]}"
        needs = " and ".join(_WHAT_CUSTOMERS_NEED.get(name, name) for name in missing)
        warnings.append(
            PolicyProblem(
                source,
                line,
                path,
                f"the {channel.kind} channel is enabled but lacks {needs} — customers cannot "
                "use it; add the data or disable the channel",
            )
        )
    return warnings
