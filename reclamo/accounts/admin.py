from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from reclamo.accounts.models import User


@admin.register(User)
class ReclamoUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "provider", "is_active")
    list_filter = ("role", "provider", "is_active")
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        (_("Reclamo"), {"fields": ("role", "provider", "language")}),
    )
