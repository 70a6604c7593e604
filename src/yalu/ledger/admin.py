"""Back-office views of the ledger: read-only. Events are appended and corrected through the actions only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from yalu.ledger.models import HandbackItem, HandbackList, MovementEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(MovementEvent)
class MovementEventAdmin(ReadOnlyAdmin):
    list_display = ("sequence", "event_type", "occurred_on", "occurred_precision", "person", "area", "void")
    list_filter = ("event_type", "occurred_precision", "void")
    raw_id_fields = ("person", "related_event", "supersedes")
    search_fields = ("group_ref", "source_ref")


class HandbackItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = HandbackItem
    fields = ("ref", "display_name", "birth_year", "status", "matched_person", "dispute_reason")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(HandbackList)
class HandbackListAdmin(ReadOnlyAdmin):
    list_display = ("list_ref", "sender", "handed_over_on", "area")
    inlines = [HandbackItemInline]
