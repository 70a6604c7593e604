"""The administrative hierarchy of both states, and the border sectors along the rivers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.core.i18n import in_active_language


class AreaKind(models.TextChoices):
    COUNTRY = "country", _("country")
    PROVINCE = "province", _("province")
    PREFECTURE = "prefecture", _("prefecture")
    COUNTY = "county", _("county")
    DISTRICT = "district", _("city district")
    COMMUNE = "commune", _("commune")
    BRIGADE = "brigade", _("production brigade")
    SECTOR = "sector", _("border sector")


class River(models.TextChoices):
    YALU = "yalu", _("Yalu (Amnok)")
    TUMEN = "tumen", _("Tumen")
    OTHER = "other", _("other")


class Area(models.Model):
    """A node of the hierarchy. `path` is the materialised path of codes, so a subtree is one prefix."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=512, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    state = models.CharField(_("state"), max_length=2)
    name_zh = models.CharField(_("name (Chinese)"), max_length=128)
    name_ko = models.CharField(_("name (Korean)"), max_length=128)
    name_en = models.CharField(_("name (English)"), max_length=128)
    river = models.CharField(_("river"), max_length=8, choices=River.choices, blank=True)
    county = models.ForeignKey(
        "self",
        verbose_name=_("county on our side"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sectors",
    )
    facing = models.ForeignKey(
        "self",
        verbose_name=_("province facing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="faced_by",
    )

    class Meta:
        ordering = ["path"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        return in_active_language(zh=self.name_zh, ko=self.name_ko, en=self.name_en)

    def contains(self, other: Area | None) -> bool:
        return other is not None and other.path.startswith(self.path)
