"""Linkage runs, the candidate pairs they find for review, and the accepted links between persons.

Persons are never merged: an accepted candidate creates a PersonLink (or marks an incoming record as
matched), and reverting it marks the link reverted; nothing is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.models import Job
from yalu.people.models import Person


class RunKind(models.TextChoices):
    DEDUPE = "dedupe", _("deduplicate the registry")
    LIST = "list", _("link an incoming list")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class LinkageRun(models.Model):
    kind = models.CharField(_("kind"), max_length=8, choices=RunKind.choices)
    engine = models.CharField(_("engine"), max_length=8, default="duckdb")
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    threshold = models.FloatField(_("threshold"), default=0.9)
    note = models.CharField(
        _("origin"), max_length=200, blank=True, help_text=_("Where the records came from, e.g. an import.")
    )
    parameters = models.JSONField(_("model parameters"), default=dict, blank=True)
    training = models.CharField(_("training"), max_length=16, blank=True)
    record_count = models.PositiveIntegerField(_("records"), default=0)
    candidate_count = models.PositiveIntegerField(_("candidates"), default=0)
    timings = models.JSONField(_("timings"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("linkage run")
        verbose_name_plural = _("linkage runs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} {self.status}"


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")
    REVERTED = "reverted", _("reverted")


# Which decision may follow which: a rejected or reverted candidate may be reconsidered.
CANDIDATE_TRANSITIONS: dict[str, set[str]] = {
    CandidateStatus.PENDING: {CandidateStatus.ACCEPTED, CandidateStatus.REJECTED},
    CandidateStatus.ACCEPTED: {CandidateStatus.REVERTED},
    CandidateStatus.REJECTED: {CandidateStatus.PENDING},
    CandidateStatus.REVERTED: {CandidateStatus.PENDING},
}


class LinkCandidate(models.Model):
    """A pair the model scored as probably one human: a person and another person, or an incoming record."""

    run = models.ForeignKey(LinkageRun, on_delete=models.CASCADE, related_name="candidates")
    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    foreign_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    foreign_id = models.PositiveBigIntegerField(null=True, blank=True)
    foreign_record = GenericForeignKey("foreign_type", "foreign_id")
    foreign_area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text=_("where the record lies")
    )
    match_probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"), default=0)
    reasons = models.JSONField(_("reasons"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-match_probability", "id"]
        verbose_name = _("link candidate")
        verbose_name_plural = _("link candidates")
        constraints = [
            models.CheckConstraint(
                condition=Q(right__isnull=False, foreign_id__isnull=True)
                | Q(right__isnull=True, foreign_id__isnull=False, foreign_type__isnull=False),
                name="candidate_person_or_foreign",
            ),
            models.CheckConstraint(condition=~Q(left=F("right")), name="candidate_not_self"),
        ]

    def __str__(self) -> str:
        other = f"person {self.right_id}" if self.right_id else f"record {self.foreign_id}"
        return f"person {self.left_id} ~ {other} ({self.match_probability:.3f}, {self.status})"

    @property
    def is_person_pair(self) -> bool:
        return self.right_id is not None


class PersonLink(models.Model):
    """Two person records known to be one human. Reverting keeps the row, marked reverted."""

    left = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(LinkCandidate, on_delete=models.PROTECT, related_name="links")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)
    reverted = models.BooleanField(_("reverted"), default=False)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_at = models.DateTimeField(_("reverted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("person link")
        verbose_name_plural = _("person links")
        constraints = [
            models.CheckConstraint(condition=~Q(left=F("right")), name="person_link_not_self"),
            models.UniqueConstraint(
                fields=["left", "right"], condition=Q(reverted=False), name="person_link_unique_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_id} = {self.right_id}{' (reverted)' if self.reverted else ''}"
