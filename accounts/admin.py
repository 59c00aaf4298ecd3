from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.invitations import invitation_resend
from accounts.models import Clinic, Invitation, SupervisionLink, User
from audit.models import Action
from audit.services import audit_record


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
    actions = ["resend"]

    @admin.action(description="Resend the selected open invitations (a new 72-hour link)")
    def resend(self, request, queryset) -> None:
        # A new clinic's first admin has nobody in the app to resend their invitation.
        sent = 0
        for invitation in queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True):
            if invitation_resend(invitation=invitation, base_url=request.build_absolute_uri("/")):
                sent += 1
            audit_record(
                request=request,
                action=Action.INVITE_RESEND,
                object_type="invitation",
                object_id=invitation.pk,
                detail="django-admin",
            )
        self.message_user(request, f"{sent} invitation(s) sent again.")
