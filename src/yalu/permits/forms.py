"""Forms of the permits pages; the actions do the checking, the forms only parse."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.permits.models import Decision, DenialReason, ItemStatus, Purpose


class OfficeField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def _offices(user: Any) -> Any:
    path = "/" if user.is_superuser else (user.jurisdiction.path if user.jurisdiction else None)
    areas = Area.objects.filter(state="CN").exclude(kind="sector")
    return areas.filter(path__startswith=path) if path else areas.none()


class ReportForm(forms.Form):
    area = forms.CharField(label=_("area code"), max_length=32)
    period = forms.CharField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    as_of = forms.DateField(label=_("report date"), required=False)


class LetterForm(forms.Form):
    number = forms.CharField(label=_("letter number"), max_length=128)
    issued_by = forms.CharField(label=_("issued by"), max_length=200)
    issued_on = forms.DateField(label=_("issued on"))
    valid_until = forms.DateField(label=_("valid until"), required=False)
    received_on = forms.DateField(label=_("received on"))
    received_by = OfficeField(label=_("received by"), queryset=Area.objects.none())
    invitee_name = forms.CharField(label=_("invitee"), max_length=200, help_text=_("in any script"))
    invitee_birth_year = forms.IntegerField(label=_("invitee's birth year"), required=False, min_value=1850)
    invitee_id = forms.IntegerField(label=_("registry number of the invitee"), required=False)
    inviter_name = forms.CharField(label=_("inviter"), max_length=200, required=False)
    inviter_relation = forms.CharField(label=_("relation of the inviter"), max_length=64, required=False)
    inviter_address = forms.CharField(label=_("inviter's address"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_by"].queryset = _offices(user)  # type: ignore[attr-defined]


class ApplicationForm(forms.Form):
    office = OfficeField(label=_("office"), queryset=Area.objects.none())
    person_ids = forms.CharField(
        label=_("applicants (registry numbers)"),
        max_length=400,
        help_text=_("One number for a person; several, separated by commas, for a family group."),
    )
    filed_on = forms.DateField(label=_("filed on"))
    purpose = forms.ChoiceField(label=_("purpose"), choices=Purpose.choices)
    letter_number = forms.CharField(label=_("authorization letter number"), max_length=128, required=False)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = _offices(user)  # type: ignore[attr-defined]

    def clean_person_ids(self) -> list[int]:
        text = self.cleaned_data["person_ids"]
        try:
            ids = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(_("Give registry numbers separated by commas.")) from error
        if not ids:
            raise forms.ValidationError(_("Name at least one applicant."))
        return ids


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=Decision.choices)
    decided_on = forms.DateField(label=_("decided on"), initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("reason (denials)"), required=False)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reasons = [(r.code, r.label) for r in DenialReason.objects.filter(active=True)]
        self.fields["reason"].choices = [("", "—"), *reasons]  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("step"),
        choices=[
            ("under_review", _("start the review")),
            ("withdrawn", _("withdrawn by the applicant")),
            ("departed", _("departed")),
            ("expired", _("approval expired unused")),
        ],
    )
    on = forms.DateField(label=_("date"), initial=timezone.localdate)
    note = forms.CharField(label=_("note"), max_length=500, required=False)


class RequestForm(forms.Form):
    sender = forms.ModelChoiceField(label=_("sender"), queryset=Agency.objects.filter(state="KP"))
    request_ref = forms.CharField(label=_("note number"), max_length=128)
    requested_on = forms.DateField(label=_("dated"))
    requested_by = forms.CharField(label=_("requested by"), max_length=200, required=False)
    area = OfficeField(label=_("handled by"), queryset=Area.objects.none())
    persons = forms.CharField(
        label=_("persons named"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("One person a line: name | birth year | relation | relative abroad"),
    )
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = _offices(user)  # type: ignore[attr-defined]

    def clean_persons(self) -> list[dict[str, Any]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["persons"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", "", ""]
            year = None
            if parts[1]:
                if not parts[1].isdigit():
                    raise forms.ValidationError(
                        _("Line %(number)s: the birth year %(value)s is not a year.")
                        % {"number": number, "value": parts[1]}
                    )
                year = int(parts[1])
            rows.append({"name": parts[0], "birth_year": year, "relation": parts[2], "relative_abroad": parts[3]})
        if not rows:
            raise forms.ValidationError(_("Name at least one person."))
        return rows


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[(s, label) for s, label in ItemStatus.choices if s in ("declined", "not_found", "located")],
    )
    on = forms.DateField(label=_("date"), initial=timezone.localdate)
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)


class ItemLinkForm(forms.Form):
    person_id = forms.IntegerField(label=_("registry number"))
    on = forms.DateField(label=_("date"), initial=timezone.localdate)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("text of the note"), widget=forms.Textarea(attrs={"rows": 24, "cols": 90}))


def today() -> datetime.date:
    return timezone.localdate()
