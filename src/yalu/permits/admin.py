"""Back-office: the list of denial reasons and the offices' service standards are configured here."""

from django.contrib import admin

from yalu.permits.models import DenialReason, ServiceStandard


@admin.register(DenialReason)
class DenialReasonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "label_zh", "label_ko", "label_en", "active")
    list_filter = ("active",)


@admin.register(ServiceStandard)
class ServiceStandardAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("area", "days")
    autocomplete_fields = ()
    raw_id_fields = ("area",)
