"""The write path: one durable transaction per change, its audit event inside it, side effects
only after commit, and no parsing while a transaction is open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.utils import timezone

from reclamo.accounts.models import User
from reclamo.errors import ApplicationError
from reclamo.providers import services
from reclamo.providers.models import IntegrationToken, PolicyVersion, Provider, ProviderEvent
from reclamo.providers.services import (
    BUNDLED_POLICIES_DIR,
    integration_token_issue,
    integration_token_label,
    integration_token_revoke,
    integration_token_use_record,
    policy_version_load,
)

PRONET = (BUNDLED_POLICIES_DIR / "pronet.yaml").read_text(encoding="utf-8")


def _admin_of(provider: Provider, username: str = "pa") -> User:
    return User.objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password="pw-12345-long",
        role=User.Role.PROVIDER_ADMIN,
        provider=provider,
        is_staff=True,
    )


@pytest.mark.django_db
def test_loading_a_version_writes_its_audit_event() -> None:
    version = policy_version_load(text=PRONET, source_name="p.yaml", loaded_by="eva").policy_version
    (event,) = ProviderEvent.objects.filter(provider=version.provider)
    assert event.type == ProviderEvent.Type.POLICY_VERSION_LOADED
    assert event.actor == "eva"
    assert event.data == {"policy_version": version.pk, "version": "2026-01-01"}
    assert version.time_zone == "Europe/Bucharest"
    # Loading identical content again changes nothing, so it records nothing.
    policy_version_load(text=PRONET, source_name="p.yaml")
    assert ProviderEvent.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_audit_event_leaves_no_version_behind() -> None:
    with (
        mock.patch.object(ProviderEvent.objects, "create", side_effect=IntegrityError("boom")),
        pytest.raises(IntegrityError),
    ):
        policy_version_load(text=PRONET, source_name="p.yaml")
    assert not PolicyVersion.objects.exists() and not Provider.objects.exists()


@pytest.mark.django_db
def test_the_admins_are_mailed_only_after_commit(django_capture_on_commit_callbacks) -> None:
    first = policy_version_load(text=PRONET, source_name="p.yaml").policy_version
    _admin_of(first.provider)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        policy_version_load(text=PRONET + "# amended\n", source_name="p2.yaml", loaded_by="eva")
    assert mail.outbox == [], "nothing leaves before the transaction commits"
    assert len(callbacks) == 1
    callbacks[0]()
    (sent,) = mail.outbox
    assert sent.to == ["pa@example.com"]
    assert "ProNET" in sent.subject and "eva" in sent.body


@pytest.mark.django_db
def test_a_rolled_back_load_queues_no_mail(django_capture_on_commit_callbacks) -> None:
    provider = policy_version_load(text=PRONET, source_name="p.yaml").policy_version.provider
    _admin_of(provider)
    real = services._notify_admins_on_commit

    def register_then_fail(version: PolicyVersion) -> None:
        real(version)
        raise IntegrityError("the transaction fails after the mail was queued")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        mock.patch.object(services, "_notify_admins_on_commit", register_then_fail),
        pytest.raises(IntegrityError),
    ):
        policy_version_load(text=PRONET + "# amended\n", source_name="p2.yaml")
    assert callbacks == [] and mail.outbox == []
    assert PolicyVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_policy_file_is_parsed_before_any_transaction_opens() -> None:
    real = services.load_policy_text
    seen: list[bool] = []

    def parse(*args: Any, **kwargs: Any) -> Any:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    with mock.patch.object(services, "load_policy_text", parse):
        policy_version_load(text=PRONET, source_name="p.yaml")
    assert seen == [False]
    assert PolicyVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_write_service_refuses_to_run_inside_someone_elses_transaction() -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        policy_version_load(text=PRONET, source_name="p.yaml")


@pytest.mark.django_db
def test_token_issue_label_and_revoke_are_audited() -> None:
    provider = Provider.objects.create(slug="pronet", name="ProNET")
    secret = integration_token_issue(provider=provider, actor="eva", label="billing")
    token = IntegrationToken.objects.get()
    assert secret.startswith(token.prefix) and token.label == "billing"
    integration_token_label(provider=provider, token=token, label="CRM", actor="eva")
    integration_token_revoke(provider=provider, token=token, actor="rcl_abcdefgh")
    integration_token_revoke(provider=provider, token=token, actor="eva")  # already revoked
    token.refresh_from_db()
    assert token.label == "CRM" and token.revoked_at is not None
    events = list(ProviderEvent.objects.order_by("pk").values_list("type", "actor"))
    assert events == [
        ("integration_token_issued", "eva"),
        ("integration_token_labelled", "eva"),
        ("integration_token_revoked", "rcl_abcdefgh"),
    ]


@pytest.mark.django_db
def test_a_token_cannot_be_revoked_or_labelled_through_another_provider() -> None:
    pronet = Provider.objects.create(slug="pronet", name="ProNET")
    unitel = Provider.objects.create(slug="unitel", name="UNITEL")
    integration_token_issue(provider=pronet)
    token = IntegrationToken.objects.get()
    with pytest.raises(ApplicationError) as refused:
        integration_token_revoke(provider=unitel, token=token, actor="x")
    assert refused.value.status == 404
    with pytest.raises(ApplicationError):
        integration_token_label(provider=unitel, token=token, label="mine", actor="x")
    token.refresh_from_db()
    assert token.revoked_at is None and token.label == ""
    assert not ProviderEvent.objects.filter(type="integration_token_revoked").exists()


@pytest.mark.django_db
def test_a_tokens_use_is_recorded_at_most_once_a_minute(django_assert_num_queries) -> None:
    provider = Provider.objects.create(slug="pronet", name="ProNET")
    integration_token_issue(provider=provider)
    token = IntegrationToken.objects.get()
    now = timezone.now()
    integration_token_use_record(token=token, now=now)
    token.refresh_from_db()
    assert token.last_used_at == now
    with django_assert_num_queries(0):
        integration_token_use_record(token=token, now=now + timedelta(seconds=59))
    integration_token_use_record(token=token, now=now + timedelta(seconds=61))
    token.refresh_from_db()
    assert token.last_used_at == now + timedelta(seconds=61)


@pytest.mark.django_db
def test_provider_events_are_append_only() -> None:
    policy_version_load(text=PRONET, source_name="p.yaml")
    event = ProviderEvent.objects.get()
    event.actor = "someone else"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        ProviderEvent.objects.update(actor="x")
    with pytest.raises(TypeError):
        ProviderEvent.objects.all().delete()
    assert ProviderEvent.objects.get().actor == "system"
