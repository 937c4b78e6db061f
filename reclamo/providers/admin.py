"""The admin for providers: policy versions, integration tokens, the audit trail.

Tenant checks come from `reclamo.accounts.tenancy`. Changes go through the services, which open
their own durable transaction: the admin's own wrapping transaction is skipped (`ServiceAdmin`)
so that nothing — above all parsing an upload — runs while a write lock is held.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reclamo.accounts.tenancy import (
    providers_managed_by,
    providers_visible_to,
    user_is_superuser,
    user_manages_any,
    user_may_manage,
    user_may_view,
    user_views_any,
)
from reclamo.providers.forms import PolicyUploadForm, when_labelled
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider, ProviderEvent
from reclamo.providers.selectors import policy_of
from reclamo.providers.services import (
    integration_token_label,
    integration_token_revoke,
    policy_version_load,
    policy_version_reinstate,
    provider_active_set,
)


class ServiceAdmin(admin.ModelAdmin):
    """An admin whose add/change views call a service instead of saving the model."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Django wraps this view in transaction.atomic(); on SQLite (IMMEDIATE) that takes the
        # write lock before the form is validated. The service's durable transaction is enough.
        return self._changeform_view(  # type: ignore[attr-defined]
            request, object_id, form_url, extra_context
        )


class OwnProviderRows(ServiceAdmin):
    def get_list_filter(self, request: HttpRequest) -> tuple[str, ...]:
        # A provider's staff see only their own rows, and no filter naming other providers.
        return ("provider",) if user_is_superuser(request.user) else ()


@admin.register(Provider)
class ProviderAdmin(ServiceAdmin):
    list_display = ("name", "slug", "is_active", "created_at_labelled")
    search_fields = ("name", "slug")
    # The name is the brand of the loaded policy file; only being active is set here.
    readonly_fields = ("name", "slug", "created_at_labelled")
    fields = ("name", "slug", "is_active", "created_at_labelled")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provider]:
        return providers_visible_to(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # providers are onboarded by loading their first policy file

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Provider staff may open their own provider (the policy version page links to it).
        return user_views_any(request.user) if obj is None else user_may_view(request.user, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_views_any(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_is_superuser(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if "is_active" in form.changed_data:
            provider_active_set(
                provider=obj, is_active=obj.is_active, actor=request.user.get_username()
            )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("Created at"), ordering="created_at")
    def created_at_labelled(self, obj: Provider) -> str:
        return when_labelled(obj.created_at)


@admin.register(PolicyVersion)
class PolicyVersionAdmin(OwnProviderRows):
    """Versions are immutable: upload a new one.

    Complaints keep the version they were received under.
    """

    list_display = (
        "provider",
        "version",
        "effective_from",
        "time_zone",
        "loaded_at_labelled",
        "loaded_by",
        "reinstated_at_labelled",
    )
    list_select_related = ("provider",)
    readonly_fields = (
        "provider",
        "version",
        "effective_from",
        "time_zone",
        "source_name",
        "checksum",
        "loaded_at_labelled",
        "loaded_by",
        "reinstated_at_labelled",
        "legal_basis_warnings",
        "policy_file",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[PolicyVersion]:
        queryset = super().get_queryset(request).select_related("provider")
        return queryset.filter(provider__in=providers_visible_to(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return user_manages_any(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return user_views_any(request.user)
        return user_may_view(request.user, obj.provider_id)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):  # type: ignore[no-untyped-def]
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        superuser = user_is_superuser(request.user)
        own = None if superuser else providers_managed_by(request.user).first()
        provider_slug = None if superuser else (own.slug if own else "-")

        class Upload(PolicyUploadForm):
            def __init__(self, *args: Any, **form_kwargs: Any) -> None:
                # Brand and legal names are unique across providers; the superuser may override.
                super().__init__(
                    *args, provider_slug=provider_slug, check_names=not superuser, **form_kwargs
                )

        return Upload

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ("policy_file", "reinstate")
        return tuple(self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.readonly_fields if obj is not None else ()

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> PolicyVersion:
        actor = request.user.get_username()
        if form.identical is not None:
            return policy_version_reinstate(version=form.identical, actor=actor)
        result = policy_version_load(
            text=form.text,
            source_name=f"upload:{form.cleaned_data['policy_file'].name}",
            loaded_by=actor,
            check_names=not user_is_superuser(request.user),
        )
        return result.policy_version

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """The service already stored the version (or reinstated an identical one)."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """A policy version has no related objects to save."""

    @admin.display(description=_("Loaded at"), ordering="loaded_at")
    def loaded_at_labelled(self, obj: PolicyVersion) -> str:
        return when_labelled(obj.loaded_at)

    @admin.display(description=_("Reinstated at"), ordering="reinstated_at")
    def reinstated_at_labelled(self, obj: PolicyVersion) -> str:
        return when_labelled(obj.reinstated_at) if obj.reinstated_at else "–"

    @admin.display(description=_("Policy file"))
    def policy_file(self, obj: PolicyVersion) -> str:
        # <pre>: monospaced, indentation kept (YAML's structure is its indentation).
        return format_html('<pre class="policy-file">{}</pre>', obj.source_text)

    @admin.display(description=_("Legal basis"))
    def legal_basis_warnings(self, obj: PolicyVersion) -> str:
        policy = policy_of(obj)
        warnings = policy.outdated_citations(timezone.localdate())
        if not warnings:
            return str(_("The cited law is in force."))
        return " ".join(str(warning) for warning in warnings)


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(OwnProviderRows):
    """Provider admins list, label and revoke their own provider's tokens (issue them with
    `reclamo issue_api_token SLUG`: the token is shown once, on the command line)."""

    list_display = (
        "provider",
        "label",
        "prefix",
        "created_at_labelled",
        "last_used_at_labelled",
        "revoked_at_labelled",
    )
    list_select_related = ("provider",)
    readonly_fields = (
        "provider",
        "prefix",
        "created_at_labelled",
        "last_used_at_labelled",
        "revoked_at_labelled",
    )
    fields = (
        "provider",
        "label",
        "prefix",
        "created_at_labelled",
        "last_used_at_labelled",
        "revoked_at_labelled",
    )
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[IntegrationToken]:
        queryset = super().get_queryset(request).select_related("provider")
        return queryset.filter(provider__in=providers_managed_by(request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued with `reclamo issue_api_token SLUG`, shown once

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return user_manages_any(request.user)
        return user_may_manage(request.user, obj.provider_id)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked, never deleted: the audit trail names it

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_manages_any(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if "label" in form.changed_data:
            integration_token_label(
                provider=obj.provider,
                token=obj,
                label=form.cleaned_data["label"],
                actor=request.user.get_username(),
            )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[IntegrationToken]) -> None:
        actor = request.user.get_username()
        count = 0
        # The queryset is already limited to the providers this user manages; checked again.
        for token in queryset.filter(revoked_at__isnull=True):
            if user_may_manage(request.user, token.provider_id):
                integration_token_revoke(provider=token.provider, token=token, actor=actor)
                count += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("Created at"), ordering="created_at")
    def created_at_labelled(self, obj: IntegrationToken) -> str:
        return when_labelled(obj.created_at)

    @admin.display(description=_("Last used at"), ordering="last_used_at")
    def last_used_at_labelled(self, obj: IntegrationToken) -> str:
        return when_labelled(obj.last_used_at) if obj.last_used_at else "–"

    @admin.display(description=_("Revoked at"), ordering="revoked_at")
    def revoked_at_labelled(self, obj: IntegrationToken) -> str:
        return when_labelled(obj.revoked_at) if obj.revoked_at else "–"


@admin.register(ProviderEvent)
class ProviderEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only for everyone, the superuser included."""

    list_display = ("at_labelled", "provider", "type", "actor", "data")
    list_select_related = ("provider",)
    fields = ("at_labelled", "provider", "type", "actor", "data")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProviderEvent]:
        queryset = super().get_queryset(request).select_related("provider")
        return queryset.filter(provider__in=providers_visible_to(request.user))

    def get_list_filter(self, request: HttpRequest) -> tuple[str, ...]:
        return ("provider", "type") if user_is_superuser(request.user) else ("type",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return user_manages_any(request.user)
        return user_may_manage(request.user, obj.provider_id)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_manages_any(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("At"), ordering="at")
    def at_labelled(self, obj: ProviderEvent) -> str:
        return when_labelled(obj.at)
