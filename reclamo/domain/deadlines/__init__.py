"""Every clock of the complaint procedures, computed from a policy (T-1 … T-6, PN-5, PN-6, UN-1,
UN-3, UN-4, UN-8 … UN-10, PC-2, PC-4, PC-5, PC-9, PC-11 … PC-13).

:func:`preview` answers the public deadline preview (``shared/spec/api.md``): would a case with
these :class:`CaseFacts` be accepted on this channel, as what, by which department, how long the
customer had to file, and every deadline it starts — an :class:`IntakeDecision` whose deadlines
are :class:`Deadline` records. :func:`deadlines_at_registration` is the same computation with
the real registration time, for the service that registers a case; :func:`extension_decide`
checks and applies a UN-9 extension.

Nothing here reads the clock or does calendar arithmetic of its own: instants come in as
arguments, the numbers come from the policy, and the arithmetic from ``calendar.py``.

- ``facts.py``: the case's facts, their validation, when each clock event happened;
- ``records.py``: what the engine answers (the decision, its deadline records, messages);
- ``clocks.py``: one function per clock family and the "first applicable clock" they share;
- ``decision.py``: channel and treatment, routing, then every clock family;
- ``extension.py``: the UN-9 extension.
"""

from reclamo.domain.deadlines.decision import deadlines_at_registration, fill_channels, preview
from reclamo.domain.deadlines.extension import extension_decide
from reclamo.domain.deadlines.facts import CaseFacts
from reclamo.domain.deadlines.records import (
    Basis,
    Deadline,
    ExtensionDecision,
    Filing,
    IntakeDecision,
    Message,
)

__all__ = [
    "Basis",
    "CaseFacts",
    "Deadline",
    "ExtensionDecision",
    "Filing",
    "IntakeDecision",
    "Message",
    "deadlines_at_registration",
    "extension_decide",
    "fill_channels",
    "preview",
]
