"""The registry: persons, their names in every script, family links, and the history of changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")
    UNKNOWN = "U", _("unknown")


class Nationality(models.TextChoices):
    CN = "CN", _("China")
    KP = "KP", _("DPRK")
    UNKNOWN = "", _("unknown")


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


class NameSystem(models.TextChoices):
    HANGUL = "hangul", _("Hangul")
    HANZI = "hanzi", _("Chinese characters")
    PINYIN = "pinyin", _("Pinyin")
    RR = "rr", _("Revised Romanization")
    MR = "mr", _("McCune–Reischauer")
    DPRK = "dprk", _("DPRK romanization")
    OTHER_LATIN = "other-latin", _("other Latin spelling")


class Person(models.Model):
    """One human being. Two records of one human are linked (linkage), never silently merged."""

    home_area = models.ForeignKey(Area, verbose_name=_("home area"), on_delete=models.PROTECT, related_name="+")
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True, db_index=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=Nationality.choices, blank=True, default=Nationality.UNKNOWN
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("For persons not yet identified: “unknown man, about 30”."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_ref = models.CharField(_("source reference"), max_length=128, blank=True, db_index=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        indexes = [models.Index(fields=["home_area", "id"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        names = list(self.names.all())
        if names:
            return " / ".join(dict.fromkeys(name.full for name in names[:3]))
        return self.description or f"#{self.pk}"

    @property
    def birth_date(self) -> str:
        """ISO 8601 at the precision known: 1931, 1931-05, 1931-05-14; empty when unknown."""
        if self.birth_year is None:
            return ""
        text = f"{self.birth_year:04d}"
        if self.birth_month:
            text += f"-{self.birth_month:02d}"
            if self.birth_day:
                text += f"-{self.birth_day:02d}"
        return text

    @property
    def birth_precision(self) -> str:
        if self.birth_year is None:
            return ""
        if self.birth_day:
            return DatePrecision.DAY
        if self.birth_month:
            return DatePrecision.MONTH
        return DatePrecision.YEAR


class PersonName(models.Model):
    """One rendering of a person's name, with the match keys computed once, when it is written."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    system = models.CharField(_("script or romanization"), max_length=16, choices=NameSystem.choices)
    family = models.CharField(_("family name"), max_length=100, blank=True)
    given = models.CharField(_("given name"), max_length=100, blank=True)
    full = models.CharField(_("full name"), max_length=200)
    source = models.CharField(_("source"), max_length=200, blank=True)
    search_text = models.CharField(max_length=200, db_index=True, editable=False)
    key_hangul = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    key_family = models.CharField(max_length=16, blank=True, editable=False)
    key_given = models.CharField(max_length=48, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("name")
        verbose_name_plural = _("names")

    def __str__(self) -> str:
        return self.full


class NameKey(models.Model):
    """All match keys of a name (every reading and spelling-insensitive form), for search and matching."""

    name = models.ForeignKey(PersonName, on_delete=models.CASCADE, related_name="keys")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "person"])]

    def __str__(self) -> str:
        return self.key


class FamilyRelation(models.TextChoices):
    SPOUSE = "spouse", _("spouse")
    PARENT = "parent", _("parent")
    SIBLING = "sibling", _("sibling")


class FamilyLink(models.Model):
    """`from_person` is the `relation` of `to_person` (for parent: from is a parent of to)."""

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_from")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_to")
    relation = models.CharField(_("relation"), max_length=8, choices=FamilyRelation.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_person", "to_person", "relation"], name="family_link_unique"),
            models.CheckConstraint(condition=~models.Q(from_person=models.F("to_person")), name="family_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} {self.relation} {self.to_person_id}"


class PersonChange(models.Model):
    """The history shown on a record: who changed which field when, from what to what."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(max_length=64)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.field}"
