from django.contrib import admin

from yalu.people.models import FamilyLink, Person, PersonName


class PersonNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PersonName
    fields = ("system", "family", "given", "full", "source")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Back-office view; changes go through the pages, whose actions keep history and audit."""

    list_display = ("id", "__str__", "sex", "birth_year", "home_area")
    list_filter = ("sex", "nationality")
    search_fields = ("names__full",)
    inlines = [PersonNameInline]
    readonly_fields = ("home_area", "sex", "birth_year", "birth_month", "birth_day", "nationality", "description",
                       "note", "created_by", "source_ref")

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(FamilyLink)
class FamilyLinkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("from_person", "relation", "to_person")
    raw_id_fields = ("from_person", "to_person")
