"""The report form: area, period and report date. Forms only parse input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from yalu.areas.models import Area
from yalu.areas.queries import area_by_code
from yalu.core.access import area_in_scope
from yalu.reports.definitions import ReportRequest
from yalu.reports.queries import report_request


class ReportForm(forms.Form):
    area = forms.CharField(label=_("area code"), max_length=32)
    period = forms.CharField(
        label=_("period"), max_length=32, help_text=_("1961, 1961-Q3, 1962-01 or 1961-01-01/1962-03-31")
    )
    as_of = forms.DateField(
        label=_("report date"), required=False, help_text=_("YYYY-MM-DD; empty: the last day of the period")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_area(self) -> Area:
        code = self.cleaned_data["area"]
        area = area_by_code(code)
        if area is None or not area_in_scope(self.user, area):
            raise ValidationError(_("No area with the code %(code)s in your jurisdiction."), params={"code": code})
        return area

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if isinstance(data.get("area"), Area) and data.get("period"):
            try:
                data["request"] = report_request(data["area"], data["period"], data.get("as_of"))
            except ValueError as error:
                field = "period" if "period" in str(error) and "report date" not in str(error) else "as_of"
                self.add_error(field, str(error))
        return data

    @property
    def report_request(self) -> ReportRequest:
        request: ReportRequest = self.cleaned_data["request"]
        return request
