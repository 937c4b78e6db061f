"""What each staff role may do with a case, in one place (views and the API ask here).

Every role sees only its own provider (``reclamo.accounts.tenancy``); within it:

- a provider administrator and a complaint handler work and decide every case;
- a department agent works and decides the cases of their departments (``DepartmentMembership``)
  and reads the others;
- a desk operator registers cases and writes internal notes, but never decides;
- an auditor reads everything and changes nothing.
"""

from __future__ import annotations

from typing import Any

from reclamo.accounts.models import User
from reclamo.accounts.tenancy import user_may_view
from reclamo.complaints.models import Complaint

Role = User.Role
_FULL = frozenset({Role.STAFF, Role.PROVIDER_ADMIN})


def _member(user: Any, provider_id: int) -> User | None:
    if not user_may_view(user, provider_id):
        return None
    member: User = user
    return member


def user_departments(user: Any) -> frozenset[str]:
    """The departments a department agent works in (cached on the user for one request)."""
    cached = getattr(user, "_casework_departments", None)
    if cached is None:
        cached = frozenset(user.department_memberships.values_list("department", flat=True))
        user._casework_departments = cached
    return cached  # type: ignore[no-any-return]


def user_may_work(user: Any, complaint: Complaint) -> bool:
    """Change a case: take it, extend it, investigate, reply, re-route it."""
    member = _member(user, complaint.provider_id)
    if member is None:
        return False
    if member.is_superuser or member.role in _FULL:
        return True
    if member.role == Role.DEPARTMENT_AGENT:
        return complaint.department in user_departments(member)
    return False


def user_may_decide(user: Any, complaint: Complaint) -> bool:
    """Record the outcome and issue the written statement (never a desk operator)."""
    return user_may_work(user, complaint)


def user_may_note(user: Any, complaint: Complaint) -> bool:
    """Write an internal note: everyone but the auditor."""
    member = _member(user, complaint.provider_id)
    if member is None:
        return False
    return member.role != Role.AUDITOR and (
        member.role != Role.DEPARTMENT_AGENT or user_may_work(member, complaint)
    )


def user_may_register(user: Any, provider_id: int) -> bool:
    """Register a case at the desk: everyone but the auditor."""
    member = _member(user, provider_id)
    return member is not None and member.role != Role.AUDITOR


def user_may_handle_provider_letters(user: Any, provider_id: int) -> bool:
    """Send again the letters that concern no one case (automatic outage credits): a provider
    administrator or a complaint handler, never an agent, desk operator or auditor."""
    member = _member(user, provider_id)
    return member is not None and (member.is_superuser or member.role in _FULL)
