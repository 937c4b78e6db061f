"""Deliveries in the admin: staff see what reached their customers and what failed; read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from reclamo.letters.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
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

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delivery]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # A provider's staff see their own provider's deliveries only.
        return queryset.filter(complaint__provider_id=getattr(request.user, "provider_id", None))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        return bool(user.is_superuser or (user.is_staff and getattr(user, "provider_id", None)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
