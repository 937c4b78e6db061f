from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    """Case handling for staff: roles in departments, queues, notes, the investigation, the
    extension, the decision and its written statement, and the timers the worker fires."""

    name = "reclamo.casework"
    label = "casework"
    verbose_name = _("Case handling")
