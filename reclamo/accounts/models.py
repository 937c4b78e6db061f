from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: a provider's staff member, or a customer (portal)."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Complaint handler")
        PROVIDER_ADMIN = "provider_admin", _("Provider administrator")
        # Casework roles: an agent works the queues of their departments (casework
        # DepartmentMembership); a desk operator registers but never decides; an auditor reads.
        DEPARTMENT_AGENT = "department_agent", _("Department agent")
        DESK_OPERATOR = "desk_operator", _("Desk operator")
        AUDITOR = "auditor", _("Auditor (read only)")
        CUSTOMER = "customer", _("Customer")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CUSTOMER)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("The provider whose complaints this person handles or filed."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_provider_staff(self) -> bool:
        return self.provider_id is not None and self.role in {
            self.Role.STAFF,
            self.Role.PROVIDER_ADMIN,
            self.Role.DEPARTMENT_AGENT,
            self.Role.DESK_OPERATOR,
            self.Role.AUDITOR,
        }
