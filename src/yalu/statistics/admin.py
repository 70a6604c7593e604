from typing import Any

from django.contrib import admin

from yalu.statistics.models import AggregateSubmission, ReportingObligation, Snapshot, ValidationThreshold


@admin.register(ValidationThreshold)
class ValidationThresholdAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The thresholds of the validation rules (a share: 0.05 is 5 %), configurable here."""

    list_display = ("rule", "threshold", "note")


@admin.register(ReportingObligation)
class ReportingObligationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Which unit owes which figure for which area and period, by when."""

    list_display = ("sender", "indicator", "area", "period", "due_on")
    list_filter = ("sender", "indicator")


@admin.register(AggregateSubmission)
class AggregateSubmissionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: submissions are entered and approved through the pages, which keep their history."""

    list_display = ("id", "indicator", "breakdown", "area", "period", "value", "qualifier", "status", "sender")
    list_filter = ("status", "indicator", "qualifier")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "area", "period", "as_of", "author", "taken_at")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
