"""The auditor's page: filter the log. Reading it is itself logged."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from yalu.core.access import requires
from yalu.core.audit import record_audit
from yalu.core.models import AuditAction
from yalu.core.queries import audit_events


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("user"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("action"), required=False, choices=[("", "—"), *AuditAction.choices])
    object_type = forms.CharField(label=_("object type"), required=False, max_length=64)
    object_id = forms.CharField(label=_("object id"), required=False, max_length=64)
    since = forms.DateField(label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


@requires("core.view_auditevent")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events(**{key: value for key, value in filters.items() if value})
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    record_audit(
        actor=request.user,
        action="audit_read",
        request=request,
        detail={key: str(value) for key, value in filters.items() if value},
    )
    return render(request, "core/audit_log.html", {"form": form, "page": page})
