from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reclamo.providers.forms import PolicyUploadForm
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider
from reclamo.providers.selectors import policy_of
from reclamo.providers.services import policy_version_load


class OwnProviderOnly:
    """A provider's admins see their own provider's rows only, and no filter naming others."""

    def get_list_filter(self, request: HttpRequest) -> tuple[str, ...]:
        return ("provider",) if request.user.is_superuser else ()


def _own_provider_id(request: HttpRequest) -> int | None:
    """None for a superuser (all providers); else the provider the admin belongs to."""
    user = request.user
    if user.is_superuser:
        return None
    return getattr(user, "provider_id", None) or -1


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_active", "created_at")
    search_fields = ("name", "slug")
    readonly_fields = ("slug", "created_at")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provider]:
        own = _own_provider_id(request)
        queryset = super().get_queryset(request)
        return queryset if own is None else queryset.filter(pk=own)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # providers are onboarded by loading their first policy file


@admin.register(PolicyVersion)
class PolicyVersionAdmin(OwnProviderOnly, admin.ModelAdmin):
    """Versions are immutable: upload a new one.

    Complaints keep the version they were received under.
    """

    list_display = ("provider", "version", "effective_from", "loaded_at", "loaded_by")
    list_select_related = ("provider",)
    readonly_fields = (
        "provider",
        "version",
        "effective_from",
        "source_name",
        "checksum",
        "loaded_at",
        "loaded_by",
        "legal_basis_warnings",
        "source_text",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[PolicyVersion]:
        own = _own_provider_id(request)
        queryset = super().get_queryset(request).select_related("provider")
        return queryset if own is None else queryset.filter(provider_id=own)

    def has_add_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_superuser or getattr(user, "role", "") == "provider_admin")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = request.user
        return bool(user.is_superuser or (user.is_staff and getattr(user, "provider_id", None)))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        own = _own_provider_id(request)
        provider_slug = None
        if own is not None:
            provider = Provider.objects.filter(pk=own).first()
            provider_slug = provider.slug if provider else "-"

        class Upload(PolicyUploadForm):
            def __init__(self, *args: Any, **form_kwargs: Any) -> None:
                super().__init__(*args, provider_slug=provider_slug, **form_kwargs)

        return Upload

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("policy_file",)
        return tuple(self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.readonly_fields if obj is not None else ()

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> PolicyVersion:
        result = policy_version_load(
            text=form.text,
            source_name=f"upload:{form.cleaned_data['policy_file'].name}",
            loaded_by=request.user.get_username(),
        )
        return result.policy_version

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The service already stored the version (or found identical content)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """A policy version has no related objects to save."""

    @admin.display(description=_("Legal basis"))
    def legal_basis_warnings(self, obj: PolicyVersion) -> str:
        policy = policy_of(obj)
        warnings = policy.outdated_citations(timezone.localdate())
        if not warnings:
            return str(_("The cited law is in force."))
        return " ".join(str(warning) for warning in warnings)


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(OwnProviderOnly, admin.ModelAdmin):
    list_display = ("provider", "label", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("provider", "prefix", "digest", "created_at", "last_used_at")
    fields = ("provider", "label", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued with `reclamo issue_api_token SLUG`, shown once

    def get_queryset(self, request: HttpRequest) -> QuerySet[IntegrationToken]:
        own = _own_provider_id(request)
        queryset = super().get_queryset(request).select_related("provider")
        return queryset if own is None else queryset.filter(provider_id=own)
