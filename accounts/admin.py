from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Clinic, Invitation, SupervisionLink, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "clinic", "is_active")
    list_filter = ("role", "clinic", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            "EthicsDesk",
            {"fields": ("role", "clinic", "professional_title", "profession", "deactivated_at")},
        ),
    )


admin.site.register(Clinic)
admin.site.register(SupervisionLink)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """For the operator. The link itself is never shown: it is only ever e-mailed."""

    list_display = ("email", "clinic", "role", "sent_at", "accepted_at", "revoked_at")
    list_filter = ("clinic", "role")
    search_fields = ("email", "first_name", "last_name")
