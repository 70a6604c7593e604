from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from yalu.core.models import Agency, AuditEvent, Job, User


@admin.register(User)
class YaluUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "agency", "jurisdiction", "is_active", "is_staff")
    list_filter = ("groups", "agency", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("Yalu", {"fields": ("agency", "jurisdiction")}))  # type: ignore[misc]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "state", "name_zh", "name_ko", "name_en", "area")
    search_fields = ("code", "name_zh", "name_ko", "name_en")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the audit log is append-only."""

    list_display = ("at", "actor_username", "action", "object_type", "object_id", "path")
    list_filter = ("action",)
    search_fields = ("actor_username", "object_id", "path")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "kind", "status", "done", "total", "created_by")
    list_filter = ("kind", "status")
