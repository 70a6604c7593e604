"""Reports keep no records of their own: the figures live in `yalu.statistics`, frozen ones in its snapshots.

`Report` is an unmanaged model with no table, there only to carry the app's permissions
(`reports.view_report`) so that roles can grant it like any other. Freezing a report needs the
permission of the snapshots themselves, `statistics.add_snapshot`. `KeptReport` is a cache of computed
figures (see `yalu.reports.keeping`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_report", _("Can view reports and export published tables")),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")


class KeptReport(models.Model):
    """A report's computed figures for an area, period and report date, kept with the data version they were
    computed at (`yalu.reports.keeping`). A cache, not a record: a view whose version matches reads the row,
    any other recomputes and replaces it; rows may be deleted at will. Snapshots never read it."""

    definition = models.CharField(_("report"), max_length=32)
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    as_of = models.DateField(_("report date"))
    version = models.CharField(max_length=500)
    computed_at = models.DateTimeField(_("computed at"))
    read_at = models.DateTimeField(_("last read at"), null=True)  # to the hour: what warming keeps computing
    seconds = models.FloatField(default=0)
    figures = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("kept report figures")
        verbose_name_plural = _("kept report figures")
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "area", "period_start", "period_end", "as_of"], name="reports_kept_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition} {self.area_id} {self.period_start}/{self.period_end} {self.as_of} @ {self.version}"
