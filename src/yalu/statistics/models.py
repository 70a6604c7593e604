"""Aggregate submissions and their approval, reporting obligations, validation thresholds, snapshots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.models import Agency


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exact")
    ABOUT = "about", _("about")
    MINIMUM = "minimum", _("minimum")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved by the province")
    ACCEPTED = "accepted", _("accepted by the ministry")
    RETURNED = "returned", _("returned")


class AggregateSubmission(models.Model):
    """A figure a unit reports: indicator × breakdown × area × period = value, with source and qualifier."""

    indicator = models.CharField(_("indicator"), max_length=64, db_index=True)
    breakdown = models.CharField(_("breakdown"), max_length=64, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=32)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.FloatField(_("value"))
    qualifier = models.CharField(_("qualifier"), max_length=8, choices=Qualifier.choices, default=Qualifier.EXACT)
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    sender = models.ForeignKey(
        Agency, verbose_name=_("reporting unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    import_batch_id = models.CharField(_("import batch"), max_length=64, blank=True)
    ref = models.CharField(_("reference"), max_length=128, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )

    class Meta:
        ordering = ["period_start", "area__path", "indicator", "breakdown", "id"]
        verbose_name = _("aggregate submission")
        verbose_name_plural = _("aggregate submissions")
        permissions = [
            ("approve_aggregatesubmission", _("Can approve aggregate submissions (province)")),
            ("accept_aggregatesubmission", _("Can accept aggregate submissions (ministry)")),
        ]
        indexes = [models.Index(fields=["period_start", "period_end", "indicator"])]

    def __str__(self) -> str:
        cell = f"{self.indicator}[{self.breakdown}]" if self.breakdown else self.indicator
        return f"{cell} {self.area.code} {self.period} = {self.value:g}"


class SubmissionEvent(models.Model):
    """One step of a submission's approval: who, when, from which status to which, and why."""

    submission = models.ForeignKey(AggregateSubmission, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_status} → {self.to_status}"


class ReportingObligation(models.Model):
    """A reporting unit owes a figure (indicator) for an area and period by a due date."""

    sender = models.ForeignKey(Agency, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=64)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=32)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(_("due on"))

    class Meta:
        ordering = ["period_start", "sender__code", "indicator"]
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        constraints = [
            models.UniqueConstraint(fields=["sender", "indicator", "area", "period"], name="statistics_one_obligation")
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} {self.indicator} {self.period}"


class ValidationThreshold(models.Model):
    """A configurable threshold of a validation rule (a share: 0.05 is 5 %)."""

    rule = models.CharField(_("rule"), max_length=64, unique=True)
    threshold = models.FloatField(_("threshold"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["rule"]
        verbose_name = _("validation threshold")
        verbose_name_plural = _("validation thresholds")

    def __str__(self) -> str:
        return f"{self.rule} = {self.threshold:g}"


class Snapshot(models.Model):
    """A report's figures frozen with their sources. Append-only: the database refuses changes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    period = models.CharField(_("period"), max_length=32)
    as_of = models.DateField(_("as of"))
    figures = models.JSONField(_("figures"), default=dict)
    sources = models.JSONField(_("sources"), default=dict)

    class Meta:
        ordering = ["-taken_at"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self) -> str:
        return f"{self.title} ({self.area.code} {self.period})"


class DashboardFigures(models.Model):
    """The home page's figures for an area and period, kept with the data version they were computed at.

    A cache (see `yalu.statistics.dashboard.period_figures`): a visit whose data version matches reads
    the row; any other recomputes and replaces it. Nothing here is a record: rows may be deleted at will.
    """

    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=32)
    version = models.CharField(max_length=500)
    computed_at = models.DateTimeField(_("computed at"))
    seconds = models.FloatField(default=0)
    figures = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("dashboard figures")
        verbose_name_plural = _("dashboard figures")
        constraints = [models.UniqueConstraint(fields=["area", "period"], name="statistics_dashboard_once")]

    def __str__(self) -> str:
        return f"{self.area_id} {self.period} @ {self.version}"
