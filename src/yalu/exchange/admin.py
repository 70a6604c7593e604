from django.contrib import admin

from yalu.exchange.models import ImportBatch, ImportedRow, QuarantinedRow, SenderPersonRef


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    list_display = ("received_at", "filename", "kind", "sender", "status", "mode", "dry_run")
    list_filter = ("status", "kind", "mode")
    search_fields = ("filename", "sha256")
    readonly_fields = [field.name for field in ImportBatch._meta.fields]


@admin.register(QuarantinedRow)
class QuarantinedRowAdmin(admin.ModelAdmin[QuarantinedRow]):
    list_display = ("batch", "row_number", "ref", "status")
    list_filter = ("status",)


@admin.register(ImportedRow)
class ImportedRowAdmin(admin.ModelAdmin[ImportedRow]):
    list_display = ("kind", "sender", "ref", "version", "is_current", "batch")
    search_fields = ("ref",)


admin.site.register(SenderPersonRef)
