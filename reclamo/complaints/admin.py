"""The audit trail in the admin: readable by the provider's staff, never changed by anyone."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from reclamo.complaints.models import ComplaintEvent


class CaseRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only admin of records that belong to a case (its events, its deliveries): staff see
    their own provider's only; nobody adds, changes or deletes them here."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # A provider's staff see their own provider's cases' records only.
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


@admin.register(ComplaintEvent)
class ComplaintEventAdmin(CaseRecordAdmin):
    list_display = ("at", "complaint", "type", "actor_type", "actor_label")
    list_select_related = ("complaint",)
    search_fields = ("complaint__number", "type", "actor_label")
    readonly_fields = ("complaint", "at", "type", "actor_type", "actor_user", "actor_label", "data")
