"""Forms only parse input; the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.core.access import jurisdiction_path
from yalu.people.models import FamilyRelation, NameSystem, Nationality, Sex
from yalu.people.validation import parse_birth_date


class AreaInScopeField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{'  ' * max(0, obj.depth - 1)}{obj.name} ({obj.code})"


def areas_for(user: Any) -> Any:
    path = jurisdiction_path(user) or "/-nothing-/"
    return Area.objects.filter(path__startswith=path, state="CN").exclude(kind="sector").order_by("path")


class PersonAttributesForm(forms.Form):
    home_area = AreaInScopeField(label=_("home area"), queryset=Area.objects.none())
    sex = forms.ChoiceField(label=_("sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    birth_date = forms.CharField(
        label=_("birth date"), required=False, max_length=10, help_text=_("1931, 1931-05 or 1931-05-14")
    )
    nationality = forms.ChoiceField(label=_("nationality"), choices=Nationality.choices, required=False)
    description = forms.CharField(label=_("description"), required=False, max_length=300)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_area"].queryset = areas_for(user)  # type: ignore[attr-defined]

    def clean_birth_date(self) -> tuple[int | None, int | None, int | None]:
        try:
            return parse_birth_date(self.cleaned_data.get("birth_date") or "")
        except ValidationError as error:
            raise ValidationError(next(iter(error.message_dict.values()))) from error


class NameForm(forms.Form):
    name_system = forms.ChoiceField(label=_("script or romanization"), choices=NameSystem.choices)
    family_name = forms.CharField(label=_("family name"), required=False, max_length=100)
    given_name = forms.CharField(label=_("given name"), required=False, max_length=100)
    full_name = forms.CharField(label=_("full name"), required=False, max_length=200)
    source = forms.CharField(label=_("source"), required=False, max_length=200)

    def has_name(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("family_name") or data.get("given_name") or data.get("full_name"))


class PersonCreateForm(PersonAttributesForm, NameForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.has_name() and not data.get("description"):
            raise ValidationError(_("Give at least one name, or a description of an unidentified person."))
        return data


class FamilyLinkForm(forms.Form):
    relation = forms.ChoiceField(label=_("relation"), choices=FamilyRelation.choices)
    relative_id = forms.IntegerField(label=_("relative (record number)"), min_value=1)
