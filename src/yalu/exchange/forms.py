"""The upload form and the form that corrects a quarantined row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yalu.core.models import Agency
from yalu.exchange.kinds import Kind, kind_choices
from yalu.exchange.models import ImportMode

ENCODING_CHOICES = [("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("cp949", "CP949")]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"))
    sender = forms.ModelChoiceField(label=_("sender"), queryset=Agency.objects.none(), to_field_name="code")
    file = forms.FileField(label=_("file"), help_text=_("CSV, JSON Lines (.jsonl) or XLSX (first sheet)."))
    encoding = forms.ChoiceField(label=_("encoding"), choices=ENCODING_CHOICES, initial="utf-8")
    mode = forms.ChoiceField(label=_("mode"), choices=ImportMode.choices, initial=ImportMode.ALL_OR_NOTHING)

    def __init__(self, *args: Any, senders: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)  # noqa: S101
        kind_field.choices = kind_choices()
        sender_field = self.fields["sender"]
        assert isinstance(sender_field, forms.ModelChoiceField)  # noqa: S101
        sender_field.queryset = senders


class QuarantinedRowForm(forms.Form):
    """One text field per column of the row's kind, filled with what the sender wrote."""

    def __init__(self, *args: Any, kind: Kind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in ["ref", *sorted(kind.required), *sorted(kind.optional)]:
            self.fields[column] = forms.CharField(label=column, required=False, max_length=1000)

    def values(self) -> dict[str, str]:
        return {column: str(value).strip() for column, value in self.cleaned_data.items() if str(value).strip()}
