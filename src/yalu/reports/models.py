"""Reports keep no rows of their own: the figures live in `yalu.statistics`, frozen ones in its snapshots.

`Report` is an unmanaged model with no table, there only to carry the app's permissions
(`reports.view_report`) so that roles can grant it like any other. Freezing a report needs the
permission of the snapshots themselves, `statistics.add_snapshot`.
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
