"""Forms only parse input; the actions decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.access import jurisdiction_path
from yalu.ledger.models import EventType, HandbackStatus
from yalu.ledger.periods import parse_period
from yalu.people.models import DatePrecision
from yalu.people.validation import parse_birth_date

REPORT_KINDS = ["country", "province", "prefecture", "county", "district"]


class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{'  ' * max(0, obj.depth - 1)}{obj.name} ({obj.code})"


def areas_for(user: Any, kinds: list[str] | None = None) -> Any:
    path = jurisdiction_path(user) or "/-nothing-/"
    areas = Area.objects.filter(path__startswith=path, state="CN").order_by("path")
    return areas.filter(kind__in=kinds) if kinds else areas


def parse_occurred(text: str) -> tuple[datetime.date, str]:
    """`1961`, `1961-07` or `1961-07-14` → (first day, precision)."""
    try:
        year, month, day = parse_birth_date(text)
    except ValidationError as error:
        raise ValidationError(_("Write the date as 1961, 1961-07 or 1961-07-14.")) from error
    if year is None:
        raise ValidationError(_("Give the date."))
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return datetime.date(year, month or 1, day or 1), precision


class CrossingReportForm(forms.Form):
    area = AreaField(label=_("area"), queryset=Area.objects.none())
    period = forms.CharField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    as_of = forms.DateField(label=_("report date"), required=False, help_text=_("default: the end of the period"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user, REPORT_KINDS)  # type: ignore[attr-defined]

    def clean_period(self) -> tuple[datetime.date, datetime.date]:
        try:
            return parse_period(self.cleaned_data["period"])
        except ValueError as error:
            raise ValidationError(_("Write the period as 1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31.")) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period, as_of = data.get("period"), data.get("as_of")
        if period and as_of and as_of < period[1]:
            self.add_error("as_of", _("The report date must not be before the end of the period."))
        return data


class IncidentForm(forms.Form):
    occurred = forms.CharField(label=_("date"), max_length=10, help_text=_("1961, 1961-07 or 1961-07-14"))
    area = AreaField(label=_("where detected"), queryset=Area.objects.none())
    unit = forms.CharField(label=_("unit"), required=False, max_length=128)
    group_ref = forms.CharField(label=_("group"), required=False, max_length=64, help_text=_("left empty: one is made"))
    person_ids = forms.CharField(
        label=_("registered persons (record numbers)"), required=False, help_text=_("separated by commas or spaces")
    )
    described = forms.CharField(
        label=_("persons not yet identified"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("one per line, e.g. “unknown man, about 30”"),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user, ["county", "district", "commune", "brigade", "sector"])  # type: ignore[attr-defined]

    def clean_occurred(self) -> tuple[datetime.date, str]:
        return parse_occurred(self.cleaned_data["occurred"])

    def clean_person_ids(self) -> list[int]:
        text = self.cleaned_data["person_ids"].replace(",", " ").split()
        if not all(part.isdigit() for part in text):
            raise ValidationError(_("Give record numbers, separated by commas or spaces."))
        return list(dict.fromkeys(int(part) for part in text))

    def clean_described(self) -> list[str]:
        return [line.strip()[:300] for line in self.cleaned_data["described"].splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person_ids") and not data.get("described") and not self.errors:
            raise ValidationError(_("Name at least one person: a record number or a description."))
        return data


OUTCOME_CHOICES = [
    ("", "—"),
    *[
        (value, label)
        for value, label in EventType.choices
        if value
        in (
            EventType.PERSUADED_TO_RETURN,
            EventType.RETURNED_VOLUNTARILY,
            EventType.HANDED_BACK,
            EventType.REPORTED_ABROAD,
            EventType.DIED,
        )
    ],
]


class OutcomeForm(forms.Form):
    """The outcome of one person's crossing in an incident; the page shows one per person (prefix = event id)."""

    outcome = forms.ChoiceField(label=_("outcome"), choices=OUTCOME_CHOICES, required=False)
    occurred = forms.CharField(label=_("date"), max_length=10, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome"):
            if not data.get("occurred"):
                self.add_error("occurred", _("Give the date."))
            else:
                try:
                    data["occurred"] = parse_occurred(data["occurred"])
                except ValidationError as error:
                    self.add_error("occurred", error)
        return data


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("reason for the correction"), max_length=500)


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("reason for the dispute"), max_length=500)


class MatchForm(forms.Form):
    person_id = forms.IntegerField(label=_("person (record number)"), min_value=1)


class ReconciliationForm(forms.Form):
    period = forms.CharField(label=_("period"), max_length=32, required=False)
    status = forms.ChoiceField(label=_("status"), choices=[("", "—"), *HandbackStatus.choices], required=False)

    def clean_period(self) -> tuple[datetime.date, datetime.date] | None:
        text = self.cleaned_data["period"].strip()
        if not text:
            return None
        try:
            return parse_period(text)
        except ValueError as error:
            raise ValidationError(_("Write the period as 1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31.")) from error
