from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """The complaint register: cases, their deadlines and audit trail, numbering, the intake log."""

    name = "reclamo.complaints"
    label = "complaints"
    verbose_name = _("Complaint register")
