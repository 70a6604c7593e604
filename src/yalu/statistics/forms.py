"""Forms only parse input; the actions decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.access import jurisdiction_path
from yalu.statistics.definitions import DEFINITIONS
from yalu.statistics.models import Qualifier, SubmissionStatus
from yalu.statistics.periods import parse_period


class AreaField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{'  ' * max(0, obj.depth - 1)}{obj.name} ({obj.code})"


def areas_for(user: Any) -> Any:
    path = jurisdiction_path(user) or "/-nothing-/"
    return Area.objects.filter(path__startswith=path, state="CN").exclude(kind="sector").order_by("path")


def indicator_choices() -> list[tuple[str, str]]:
    return [(code, f"{code} — {definition.name}") for code, definition in DEFINITIONS.items()]


class PeriodField(forms.CharField):
    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text:
            try:
                parse_period(text)
            except ValueError as error:
                raise ValidationError(str(error)) from error
        return text


class AreaPeriodForm(forms.Form):
    area = AreaField(label=_("area"), queryset=Area.objects.none(), to_field_name="code")
    period = PeriodField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    as_of = forms.DateField(label=_("report date"), required=False, help_text=_("default: the end of the period"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") and data.get("as_of"):
            _start, end = parse_period(data["period"])
            if data["as_of"] < end:
                self.add_error("as_of", _("The report date must not be before the end of the period."))
        return data

    def dates(self) -> tuple[datetime.date, datetime.date, datetime.date]:
        start, end = parse_period(self.cleaned_data["period"])
        return start, end, self.cleaned_data.get("as_of") or end


class SubmissionForm(forms.Form):
    indicator = forms.ChoiceField(label=_("indicator"), choices=indicator_choices)
    breakdown = forms.CharField(
        label=_("breakdown"), required=False, max_length=64, help_text=_("empty for the total, or nationality:KP")
    )
    area = AreaField(label=_("area"), queryset=Area.objects.none())
    period = PeriodField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    value = forms.FloatField(label=_("value"), min_value=0)
    qualifier = forms.ChoiceField(label=_("qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT)
    source = forms.CharField(label=_("source"), max_length=300)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user)  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("decision"), choices=SubmissionStatus.choices)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SnapshotForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)


def field_name(code: str) -> str:
    return code.replace(".", "__")


class PeriodFiguresForm(forms.Form):
    """A reporting unit's figures for one area and period: one value and qualifier per indicator."""

    area = AreaField(label=_("area"), queryset=Area.objects.none(), to_field_name="code")
    period = PeriodField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    source = forms.CharField(label=_("source"), max_length=300)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas_for(user)  # type: ignore[attr-defined]
        self.codes = codes
        for code in codes:
            name = field_name(code)
            self.fields[f"value_{name}"] = forms.FloatField(
                label=str(DEFINITIONS[code].name), required=False, min_value=0
            )
            self.fields[f"qualifier_{name}"] = forms.ChoiceField(
                label=_("qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT, required=False
            )

    def rows(self) -> list[tuple[str, Any, Any, Any]]:
        """(code, definition, value field, qualifier field) for the template."""
        return [
            (code, DEFINITIONS[code], self[f"value_{field_name(code)}"], self[f"qualifier_{field_name(code)}"])
            for code in self.codes
        ]

    def figures(self) -> dict[str, tuple[float, str]]:
        data = self.cleaned_data
        return {
            code: (data[f"value_{field_name(code)}"], data.get(f"qualifier_{field_name(code)}") or Qualifier.EXACT)
            for code in self.codes
            if data.get(f"value_{field_name(code)}") is not None
        }
