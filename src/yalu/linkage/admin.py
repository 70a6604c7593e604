from django.contrib import admin

from yalu.linkage.models import LinkageRun, LinkCandidate, PersonLink


@admin.register(LinkageRun)
class LinkageRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "kind", "engine", "status", "record_count", "candidate_count", "created_at")
    readonly_fields = [field.name for field in LinkageRun._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(LinkCandidate)
class LinkCandidateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "left", "right", "foreign_id", "match_probability", "status")
    list_filter = ("status",)
    readonly_fields = [field.name for field in LinkCandidate._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(PersonLink)
class PersonLinkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "left", "right", "reverted", "created_at")
    readonly_fields = [field.name for field in PersonLink._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False
