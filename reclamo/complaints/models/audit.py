"""The audit trail: one append-only event per change to a case."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from reclamo.labels import ACTOR_TYPE_LABELS, choices


class AuditTrailIsAppendOnly(Exception):
    """Code tried to change or remove a recorded event. A programming error, never user input."""


def _refuse(what: str) -> NoReturn:
    raise AuditTrailIsAppendOnly(
        f"complaint events are append-only: {what} is refused; record a new event instead"
    )


class ComplaintEventQuerySet(models.QuerySet["ComplaintEvent"]):
    """Refuses every bulk change, so no code path can rewrite or erase the history."""

    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update()")

    def delete(self) -> NoReturn:  # type: ignore[override]
        _refuse("delete()")

    def bulk_update(self, objs: Any, fields: Any, batch_size: Any = None) -> NoReturn:
        _refuse("bulk_update()")

    # Model.save() of an existing row and related managers update through `_update`; closing it
    # too leaves no ORM path that rewrites an event.
    def _update(self, values: Any) -> NoReturn:
        _refuse("an update")


class ComplaintEvent(models.Model):
    """One change to a case: who (`actor_*`), when (`at`), what (`type`), before and after.

    Written by the service that makes the change, in the same transaction
    (`reclamo.complaints.events.complaint_event_record`). Never updated or deleted: the model,
    its queryset and the admin refuse it.
    """

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("at"))
    actor_type = models.CharField(
        _("actor kind"), max_length=20, choices=choices(ACTOR_TYPE_LABELS)
    )
    # PROTECT: a person who changed a case stays in its history; deactivate, do not delete.
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # How the actor is shown: a user name, a token's prefix, a customer's address, a task's name.
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    type = models.CharField(_("event"), max_length=50)
    # {"before": {...}, "after": {...}} with the changed fields only.
    data = models.JSONField(_("change"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = ComplaintEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        # Django's internal saves go through the base manager: make it the refusing one too.
        base_manager_name = "objects"
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_event_by_case")]

    def __str__(self) -> str:
        return f"{self.type} {self.at.isoformat()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("saving a recorded event again")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete()")
