"""The audit trail is append-only: written with the change, never updated or deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from reclamo.accounts.models import User
from reclamo.complaints.events import Actor, EventOutsideTransaction, complaint_event_record
from reclamo.complaints.models import AuditTrailIsAppendOnly, Complaint, ComplaintEvent
from reclamo.complaints.tests.conftest import complaint_create, provider_create

AT = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def record(complaint: Complaint, type: str = "status_changed", **fields) -> ComplaintEvent:  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {
        "actor": Actor.system(),
        "at": AT,
        "before": {"status": "registered"},
        "after": {"status": "in_progress"},
    }
    values.update(fields)
    with transaction.atomic():
        return complaint_event_record(complaint=complaint, type=type, **values)


@pytest.mark.django_db
def test_an_event_records_who_when_what_before_and_after(complaint):
    handler = User.objects.create_user("handler", provider=complaint.provider, role="staff")
    record(complaint, actor=Actor.staff(handler), at=AT + timedelta(hours=1))

    event = complaint.events.get()
    assert (event.actor_type, event.actor_user, event.actor_label) == ("staff", handler, "handler")
    assert event.at == AT + timedelta(hours=1)
    assert event.type == "status_changed"
    assert event.data == {"before": {"status": "registered"}, "after": {"status": "in_progress"}}


@pytest.mark.django_db
def test_events_keep_instants_and_dates_in_their_data(complaint):
    record(complaint, type="deadline_extended", after={"due_at": AT, "day": AT.date()})
    assert complaint.events.get().data["after"] == {
        "due_at": "2026-11-30T10:00:00Z",
        "day": "2026-11-30",
    }


@pytest.mark.django_db
def test_an_integration_and_a_customer_are_named_by_their_label(complaint):
    record(complaint, actor=Actor.integration("rcl_ab12"))
    record(complaint, actor=Actor.customer("jana@example.sk"), at=AT + timedelta(minutes=1))
    assert list(complaint.events.values_list("actor_type", "actor_label", "actor_user")) == [
        ("integration", "rcl_ab12", None),
        ("customer", "jana@example.sk", None),
    ]


@pytest.mark.django_db
def test_an_event_rolls_back_with_its_change(complaint):
    with pytest.raises(RuntimeError, match="change failed"), transaction.atomic():
        complaint_event_record(complaint=complaint, actor=Actor.system(), type="x", at=AT)
        raise RuntimeError("change failed")
    assert not ComplaintEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_the_changes_transaction_is_refused():
    complaint = complaint_create(provider=provider_create())
    with pytest.raises(EventOutsideTransaction):
        complaint_event_record(complaint=complaint, actor=Actor.system(), type="x", at=AT)
    assert not ComplaintEvent.objects.exists()


@pytest.mark.django_db
def test_an_event_without_a_time_zone_is_refused(complaint):
    with pytest.raises(ValueError, match="timezone-aware"):
        record(complaint, at=AT.replace(tzinfo=None))


@pytest.mark.django_db
def test_a_recorded_event_cannot_be_saved_again_or_deleted(complaint):
    event = record(complaint)
    event.type = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    assert ComplaintEvent.objects.get().type == "status_changed"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda events: events.update(type="rewritten"), id="update"),
        pytest.param(lambda events: events.delete(), id="delete"),
        pytest.param(
            lambda events: ComplaintEvent.objects.bulk_update(list(events), ["type"]),
            id="bulk_update",
        ),
        pytest.param(lambda events: events.filter(type="status_changed").delete(), id="filtered"),
    ],
)
def test_the_queryset_refuses_bulk_changes(complaint, change):
    record(complaint)
    with pytest.raises(AuditTrailIsAppendOnly):
        change(complaint.events.all())
    with pytest.raises(AuditTrailIsAppendOnly):
        change(ComplaintEvent.objects.all())
    assert ComplaintEvent.objects.get().type == "status_changed"


@pytest.mark.django_db
def test_a_case_with_a_history_cannot_be_deleted(complaint):
    record(complaint)
    with pytest.raises(ProtectedError):
        complaint.delete()
    assert ComplaintEvent.objects.count() == 1


# The admin: the provider's staff read their own cases' history; nobody changes it.

CHANGELIST = "/admin/complaints/complaintevent/"


@pytest.fixture
def two_histories(db):  # type: ignore[no-untyped-def]
    pronet, unitel = provider_create("pronet"), provider_create("unitel")
    record(complaint_create(provider=pronet, number="PN-2026-000001"), type="pronet_event")
    record(complaint_create(provider=unitel, number="UN-2026-000001"), type="unitel_event")
    staff = User.objects.create_user("pn-staff", provider=pronet, role="staff", is_staff=True)
    return staff, ComplaintEvent.objects.get(type="pronet_event")


@pytest.mark.django_db
def test_the_admin_shows_a_providers_staff_their_own_history_only(client, two_histories):
    staff, _ = two_histories
    client.force_login(staff)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert b"pronet_event" in response.content
    assert b"unitel_event" not in response.content


@pytest.mark.django_db
def test_the_admin_offers_no_add_change_or_delete(client, two_histories):
    staff, event = two_histories
    superuser = User.objects.create_superuser("root", password="x")
    for user in (staff, superuser):
        client.force_login(user)
        assert client.get(f"{CHANGELIST}add/").status_code == 403
        assert client.post(f"{CHANGELIST}{event.pk}/delete/", {"post": "yes"}).status_code == 403
        page = client.get(f"{CHANGELIST}{event.pk}/change/")
        assert page.status_code == 200
        assert b'name="_save"' not in page.content
        client.post(f"{CHANGELIST}{event.pk}/change/", {"type": "rewritten"})
        listing = client.get(CHANGELIST)
        assert b'value="delete_selected"' not in listing.content
    assert ComplaintEvent.objects.filter(type="pronet_event").count() == 1


# The database: even SQL that bypasses the models cannot rewrite the trail.


def execute_raw(sql: str, params: list[Any]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_the_database_refuses_to_update_an_event(complaint):
    event = record(complaint)
    table = ComplaintEvent._meta.db_table
    with pytest.raises(IntegrityError, match="append-only"):
        execute_raw(f"UPDATE {table} SET type = 'rewritten' WHERE id = %s", [event.pk])  # noqa: S608
    assert ComplaintEvent.objects.get().type == "status_changed"


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_refuses_to_delete_an_event(complaint):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's trigger refuses updates only (see migration 0002)")
    event = record(complaint)
    table = ComplaintEvent._meta.db_table
    with pytest.raises(IntegrityError, match="append-only"):
        execute_raw(f"DELETE FROM {table} WHERE id = %s", [event.pk])  # noqa: S608
    assert ComplaintEvent.objects.count() == 1
