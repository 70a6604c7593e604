"""The ledger of movement events (append-only, hash-chained) and the other state's handback claims."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.people.models import DatePrecision, Person


class EventType(models.TextChoices):
    CROSSING_DETECTED = "crossing_detected", _("crossing detected")
    PERSUADED_TO_RETURN = "persuaded_to_return", _("persuaded to return")
    RETURNED_VOLUNTARILY = "returned_voluntarily", _("returned voluntarily")
    HANDED_BACK = "handed_back", _("handed back")
    REPORTED_ABROAD = "reported_abroad", _("reported abroad")
    DIED = "died", _("died")
    LEGAL_DEPARTURE = "legal_departure", _("legal departure")
    LEGAL_RETURN = "legal_return", _("legal return")


# The outcomes of a crossing: the events that may name the crossing they belong to (related_event).
OUTCOME_TYPES = frozenset(
    {
        EventType.PERSUADED_TO_RETURN,
        EventType.RETURNED_VOLUNTARILY,
        EventType.HANDED_BACK,
        EventType.REPORTED_ABROAD,
        EventType.DIED,
    }
)


class MovementEvent(models.Model):
    """One fact about one person at one time and place. Append-only: the database refuses UPDATE and DELETE.

    A wrong event is superseded by a later row (`supersedes`, with `correction_reason`); a row with
    `void` set only withdraws the event it supersedes. `ordered_on` orders a person's events: it is
    `occurred_on`, raised to the date of the crossing an outcome belongs to when the outcome is known
    only to the month or year of that crossing.

    References to other events carry no database constraint: PostgreSQL checks a foreign key by locking
    the referenced row, which needs the UPDATE privilege this table is denied. `append_events` checks
    them instead, and a referenced event can never disappear, since nothing is ever deleted.
    """

    # indexed by ledger_person_order (person first), like the sender by ledger_sender_ref: no index of their own
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    event_type = models.CharField(_("event"), max_length=24, choices=EventType.choices)
    occurred_on = models.DateField(_("date"))
    occurred_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    ordered_on = models.DateField(editable=False)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(
        Area, verbose_name=_("border sector"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.CharField(_("unit"), max_length=128, blank=True)
    related_event = models.ForeignKey(
        "self",
        verbose_name=_("crossing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="outcomes",
    )
    group_ref = models.CharField(_("group"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    sender = models.ForeignKey(
        Agency,
        verbose_name=_("sender"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    source_ref = models.CharField(_("source reference"), max_length=128, blank=True)
    import_batch_id = models.UUIDField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"))
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="superseded_by",
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    void = models.BooleanField(_("withdrawn"), default=False)
    sequence = models.BigIntegerField(unique=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("movement event")
        verbose_name_plural = _("movement events")
        indexes = [
            models.Index(fields=["event_type", "occurred_on", "area"], name="ledger_type_date_area"),
            models.Index(fields=["person", "ordered_on", "sequence"], name="ledger_person_order"),
            models.Index(fields=["sender", "source_ref"], name="ledger_sender_ref"),
            # groups are looked up by equality only (an incident's persons): no pattern index beside it
            models.Index(fields=["group_ref"], name="ledger_group_ref"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.event_type} {self.person_id} {self.occurred_on}"

    @property
    def occurred(self) -> str:
        """The date at its precision: 1961, 1961-07 or 1961-07-14."""
        text = self.occurred_on.isoformat()
        return {"year": text[:4], "month": text[:7]}.get(self.occurred_precision, text)


class LedgerHead(models.Model):
    """One row: the last sequence number and hash of the chain; writers lock it to extend the chain in order."""

    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.last_sequence} {self.last_hash[:12]}"


class HandbackStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("unmatched")
    MATCHED = "matched", _("matched")
    CONFIRMED = "confirmed", _("confirmed")
    DISPUTED = "disputed", _("disputed")


class HandbackList(models.Model):
    """A list of persons the other state says it handed back: kept as its claim, apart from what we confirmed.

    `area` is where the list was received: the area whose code the crossing point gives, otherwise the
    jurisdiction of whoever recorded it (the whole country when that is unknown). Claims are counted there.
    """

    sender = models.ForeignKey(Agency, verbose_name=_("sender"), on_delete=models.PROTECT, related_name="+")
    list_ref = models.CharField(_("list reference"), max_length=128)
    handed_over_on = models.DateField(_("handed over on"))
    crossing_point = models.CharField(_("crossing point"), max_length=128, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("receiving area"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    import_batch_id = models.UUIDField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-handed_over_on", "list_ref"]
        verbose_name = _("handback list")
        verbose_name_plural = _("handback lists")
        constraints = [models.UniqueConstraint(fields=["sender", "list_ref"], name="handback_list_ref_unique")]

    def __str__(self) -> str:
        return f"{self.list_ref} ({self.handed_over_on})"


class HandbackItem(models.Model):
    """One person on a handback list, as the other state wrote them, with name keys stored for matching."""

    handback_list = models.ForeignKey(HandbackList, on_delete=models.PROTECT, related_name="items")
    ref = models.CharField(_("reference"), max_length=128)
    names = models.JSONField(_("names"), default=list)
    display_name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=1, default="U")
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    home_area = models.ForeignKey(
        Area, verbose_name=_("home area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person_ref = models.CharField(max_length=128, blank=True)
    crossed_on = models.DateField(_("crossed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    name_keys = models.JSONField(default=list)
    matched_person = models.ForeignKey(
        Person, verbose_name=_("matched person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HandbackStatus.choices, default=HandbackStatus.UNMATCHED
    )
    dispute_reason = models.TextField(_("reason for the dispute"), blank=True)
    handed_back_event = models.ForeignKey(
        MovementEvent, null=True, blank=True, on_delete=models.PROTECT, db_constraint=False, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["handback_list", "id"]
        verbose_name = _("handback list item")
        verbose_name_plural = _("handback list items")
        permissions = [("confirm_handbackitem", "Can confirm a handback on reception")]
        constraints = [models.UniqueConstraint(fields=["handback_list", "ref"], name="handback_item_ref_unique")]

    def __str__(self) -> str:
        return f"{self.ref} {self.display_name}"


class HandbackItemVersion(models.Model):
    """An earlier content of an item, kept when the sender's corrected list replaced it. Append-only.

    The item always shows the other state's latest word; what it said before is here, with who replaced
    it, when and why (the import batch, for a corrected file).
    """

    item = models.ForeignKey(HandbackItem, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason for the correction"))
    import_batch_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["item", "version"]
        verbose_name = _("earlier version of a handback item")
        verbose_name_plural = _("earlier versions of handback items")
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="handback_item_version_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class HandbackItemKey(models.Model):
    """One match key of an item's names, so matching against the registry's NameKey is one join."""

    item = models.ForeignKey(HandbackItem, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return self.key


class HandbackStatusChange(models.Model):
    """The status events of an item: who moved it from which state to which, when and why."""

    item = models.ForeignKey(HandbackItem, on_delete=models.CASCADE, related_name="status_changes")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    old_status = models.CharField(max_length=16)
    new_status = models.CharField(max_length=16)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.old_status}→{self.new_status}"
