from django.contrib import admin

from yalu.areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "kind", "name_zh", "name_ko", "name_en", "parent", "river", "facing")
    list_filter = ("kind", "state", "river")
    search_fields = ("code", "name_zh", "name_ko", "name_en")
    readonly_fields = ("path", "depth")
