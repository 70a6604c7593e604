"""Imports of the exchange formats: the stored original, every row seen, the quarantine, senders' person refs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.core.models import Agency, Job
from yalu.people.models import Person


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all_or_nothing", _("all or nothing")
    PARTIAL = "partial", _("partial: quarantine bad rows")


class ImportStatus(models.TextChoices):
    RECEIVED = "received", _("received")
    CHECKING = "checking", _("checking")
    WRITING = "writing", _("writing")
    REFUSED = "refused", _("refused")
    ACCEPTED = "accepted", _("accepted")
    PARTIALLY_ACCEPTED = "partially_accepted", _("partially accepted")
    FAILED = "failed", _("failed")
    DRY_RUN = "dry_run", _("dry run")


RUNNING_STATUSES = (ImportStatus.RECEIVED, ImportStatus.CHECKING, ImportStatus.WRITING)


class ImportBatch(models.Model):
    """One file as a sender gave it. The original bytes live on disk under MEDIA_ROOT/imports/<sha256>."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=32)
    sender = models.ForeignKey(Agency, verbose_name=_("sender"), on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    format = models.CharField(_("format"), max_length=8)
    encoding = models.CharField(_("encoding"), max_length=16, blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=ImportMode.choices, default=ImportMode.ALL_OR_NOTHING)
    dry_run = models.BooleanField(_("dry run"), default=False)
    # the uploader's language: the messages of the check are written in it
    language = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.RECEIVED, db_index=True
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    worker_host = models.CharField(max_length=255, blank=True)
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    resubmits = models.ForeignKey(
        "QuarantinedRow", null=True, blank=True, on_delete=models.SET_NULL, related_name="resubmissions"
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"


class ImportLock(models.Model):
    """One row per (sender, kind): imports of one sender's kind write one at a time (select_for_update)."""

    sender = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sender", "kind"], name="exchange_lock_unique")]

    def __str__(self) -> str:
        return f"{self.sender_id} {self.kind}"


class ImportedRow(models.Model):
    """A row written from a file. A later version of the same ref supersedes it; it is never overwritten.

    Indexes are few on purpose (every imported row writes one of these): the unique (sender, kind, ref,
    version) serves the lookups by sender and ref, so the sender needs no index of its own.
    """

    sender = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    kind = models.CharField(max_length=32)
    ref = models.CharField(max_length=128)
    content_hash = models.CharField(max_length=64)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="rows")
    row_number = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    superseded_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )
    is_current = models.BooleanField(default=True)
    targets = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "kind", "ref"],
                condition=models.Q(is_current=True),
                name="exchange_row_current_unique",
            ),
            models.UniqueConstraint(fields=["sender", "kind", "ref", "version"], name="exchange_row_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} v{self.version}"


class QuarantineStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESUBMITTED = "resubmitted", _("resubmitted")
    DISCARDED = "discarded", _("discarded")


class QuarantinedRow(models.Model):
    """A bad row of a partial import, kept as the sender wrote it until a user corrects or discards it."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="quarantine")
    row_number = models.PositiveIntegerField(_("row"))
    ref = models.CharField(_("ref"), max_length=128, blank=True)
    values = models.JSONField(_("values"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    status = models.CharField(
        _("status"), max_length=12, choices=QuarantineStatus.choices, default=QuarantineStatus.OPEN, db_index=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["batch", "row_number"]
        verbose_name = _("quarantined row")
        verbose_name_plural = _("quarantined rows")

    def __str__(self) -> str:
        return f"{self.batch_id} row {self.row_number}"


class SenderPersonRef(models.Model):
    """Rows of one sender with the same person_ref are one person."""

    sender = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    person_ref = models.CharField(max_length=128)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sender", "person_ref"], name="exchange_person_ref_unique")]

    def __str__(self) -> str:
        return f"{self.sender_id}:{self.person_ref} → {self.person_id}"
