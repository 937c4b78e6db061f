"""Deliveries in the admin: staff see what reached their customers and what failed; read-only."""

from __future__ import annotations

from django.contrib import admin

from reclamo.complaints.admin import CaseRecordAdmin
from reclamo.letters.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(CaseRecordAdmin):
    list_display = ("created_at", "complaint", "kind", "channel", "to", "status", "attempts")
    list_filter = ("status", "channel", "kind")
    list_select_related = ("complaint",)
    search_fields = ("complaint__number", "to")
    readonly_fields = (
        "complaint",
        "kind",
        "channel",
        "to",
        "status",
        "attempts",
        "last_error",
        "sent_at",
        "next_attempt_at",
        "created_at",
        "updated_at",
    )
