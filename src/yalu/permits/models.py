"""Authorization letters, travel applications and their decisions, and the other state's reunification requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.i18n import in_active_language
from yalu.core.models import Agency
from yalu.people.models import Person


class MatchStatus(models.TextChoices):
    CERTAIN = "certain", _("matched")
    LIKELY = "likely", _("likely match, to review")
    NONE = "none", _("not matched")


class DenialReason(models.Model):
    """The configurable list of reasons a travel application may be denied for (admin adds codes)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    label_zh = models.CharField(_("label (Chinese)"), max_length=128)
    label_ko = models.CharField(_("label (Korean)"), max_length=128)
    label_en = models.CharField(_("label (English)"), max_length=128)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("denial reason")
        verbose_name_plural = _("denial reasons")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return in_active_language(zh=self.label_zh, ko=self.label_ko, en=self.label_en)


class ServiceStandard(models.Model):
    """Days an office has to decide an application; offices below inherit it (settings give the default)."""

    area = models.OneToOneField(Area, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField(_("days to decide"))

    class Meta:
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")

    def __str__(self) -> str:
        return f"{self.area.code}: {self.days}"


class AuthorizationLetter(models.Model):
    """A letter of the other state inviting a named person; the number is unique per issuing state."""

    number = models.CharField(_("letter number"), max_length=128, unique=True)
    sender = models.ForeignKey(
        Agency, verbose_name=_("sender"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.CharField(_("issued by"), max_length=200)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    received_on = models.DateField(_("received on"), db_index=True)
    received_by = models.ForeignKey(Area, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="+")
    invitee = models.ForeignKey(
        Person, verbose_name=_("invitee"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invitee_name = models.CharField(_("invitee as written"), max_length=200)
    invitee_match = models.CharField(
        _("registry match"), max_length=8, choices=MatchStatus.choices, default=MatchStatus.NONE
    )
    invitee_candidate = models.ForeignKey(
        Person, verbose_name=_("likely match"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    inviter_name = models.CharField(_("inviter"), max_length=200, blank=True)
    inviter_relation = models.CharField(_("relation of the inviter"), max_length=64, blank=True)
    inviter_address = models.CharField(_("inviter's address"), max_length=300, blank=True)
    import_batch_id = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("authorization letter")
        verbose_name_plural = _("authorization letters")
        indexes = [models.Index(fields=["received_by", "received_on"], name="permits_letter_area_date")]

    def __str__(self) -> str:
        return f"{self.number} ({self.invitee_name})"


class Purpose(models.TextChoices):
    FAMILY_REUNIFICATION = "family_reunification", _("family reunification")
    VISIT = "visit", _("visit")
    SETTLEMENT = "settlement", _("settlement")
    OTHER = "other", _("other")


class ApplicationStatus(models.TextChoices):
    FILED = "filed", _("filed")
    UNDER_REVIEW = "under_review", _("under review")
    APPROVED = "approved", _("approved")
    DENIED = "denied", _("denied")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DEPARTED = "departed", _("departed")
    EXPIRED = "expired", _("expired")


class Decision(models.TextChoices):
    APPROVED = "approved", _("approved")
    DENIED = "denied", _("denied")
    WITHDRAWN = "withdrawn", _("withdrawn")


class TravelApplication(models.Model):
    """One person's application to travel; a family group shares `group_ref`. `decision` stays after departure."""

    office = models.ForeignKey(Area, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    sender = models.ForeignKey(
        Agency, verbose_name=_("sender"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_ref = models.CharField(_("source reference"), max_length=128, blank=True)
    filed_on = models.DateField(_("filed on"), db_index=True)
    person = models.ForeignKey(Person, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+")
    letter = models.ForeignKey(
        AuthorizationLetter,
        verbose_name=_("authorization letter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    group_ref = models.CharField(_("family group"), max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.FILED
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, db_index=True)
    denial_reason = models.ForeignKey(
        DenialReason, verbose_name=_("reason"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by_name = models.CharField(_("decided by (as reported)"), max_length=200, blank=True)
    decision_ref = models.CharField(max_length=128, blank=True)
    departed_on = models.DateField(_("departed on"), null=True, blank=True)
    departure_event_id = models.BigIntegerField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    import_batch_id = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("travel application")
        verbose_name_plural = _("travel applications")
        permissions = [("decide_travelapplication", "Can approve or deny travel applications")]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "source_ref"], condition=~models.Q(source_ref=""), name="permits_application_ref"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "filed_on"], name="permits_app_office_filed"),
            models.Index(fields=["office", "decided_on"], name="permits_app_office_decided"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.person_id} {self.status}"


class ApplicationTransition(models.Model):
    """One move of an application's state machine: who, when, from what to what, and why."""

    application = models.ForeignKey(TravelApplication, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ApplicationStatus.choices)
    on = models.DateField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} -> {self.to_status}"


class ReunificationRequest(models.Model):
    """A note of the other state's ministry naming persons it wants reunited with relatives abroad."""

    request_ref = models.CharField(_("request reference"), max_length=128)
    sender = models.ForeignKey(Agency, verbose_name=_("sender"), on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("requested on"))
    requested_by = models.CharField(_("requested by"), max_length=200, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("handled by"), on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("reunification request")
        verbose_name_plural = _("reunification requests")
        constraints = [models.UniqueConstraint(fields=["sender", "request_ref"], name="permits_request_ref")]

    def __str__(self) -> str:
        return self.request_ref


class ItemStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    LOCATED = "located", _("located")
    LETTER_RECEIVED = "letter_received", _("letter received")
    APPLIED = "applied", _("applied")
    APPROVED = "approved", _("approved")
    TRAVELLED = "travelled", _("travelled")
    DECLINED = "declined", _("declined")
    NOT_FOUND = "not_found", _("not found")


class ReunificationItem(models.Model):
    """One person named in a request, matched to the registry across scripts, and tracked to an outcome."""

    request = models.ForeignKey(ReunificationRequest, on_delete=models.CASCADE, related_name="items")
    ref = models.CharField(_("reference"), max_length=128, blank=True)
    name = models.CharField(_("name as written"), max_length=200)
    name_hangul = models.CharField(_("name in Hangul"), max_length=100, blank=True)
    name_hanzi = models.CharField(_("name in Chinese characters"), max_length=100, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    relative_abroad = models.CharField(_("relative abroad"), max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=64, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    match = models.CharField(_("registry match"), max_length=8, choices=MatchStatus.choices, default=MatchStatus.NONE)
    candidate = models.ForeignKey(
        Person, verbose_name=_("likely match"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.REQUESTED)
    status_on = models.DateField(_("status since"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["request", "id"]
        verbose_name = _("requested person")
        verbose_name_plural = _("requested persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class ItemStatusChange(models.Model):
    """The history of an item's status; the status at a report date is the last change on or before it."""

    item = models.ForeignKey(ReunificationItem, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(max_length=16, choices=ItemStatus.choices)
    on = models.DateField()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.status} {self.on}"


class ReplyNote(models.Model):
    """The reply to a request as a diplomatic note, in one language; the officer edits the text before issuing."""

    request = models.ForeignKey(ReunificationRequest, on_delete=models.CASCADE, related_name="replies")
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "language"], name="permits_reply_language")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.language}"
