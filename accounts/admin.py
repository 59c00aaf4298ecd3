from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Clinic, SupervisionLink, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "clinic", "is_active")
    list_filter = ("role", "clinic", "is_active")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("EthicsDesk", {"fields": ("role", "clinic", "professional_title")}),
    )


admin.site.register(Clinic)
admin.site.register(SupervisionLink)
