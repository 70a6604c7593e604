from django.contrib import admin
from django.http import HttpRequest

from yalu.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "kind", "name_zh", "name_ko", "name_en", "parent", "river", "facing")
    list_filter = ("kind", "state", "river")
    search_fields = ("code", "name_zh", "name_ko", "name_en")
    readonly_fields = ("path", "depth")

    # The hierarchy's paths are kept by `create_area` (manage.py add_area); the admin only reads it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
