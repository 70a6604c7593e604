"""Pages of reunification requests: list, a request from a diplomatic note, each person's tracking, the reply."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from yalu.core.access import acting_user, requires
from yalu.core.audit import record_audit
from yalu.core.errors import NotFoundOrNotInScope
from yalu.core.forms import apply_validation_error
from yalu.people.access import access_person
from yalu.permits import reunification
from yalu.permits.access import access_item, access_request
from yalu.permits.forms import ItemLinkForm, ItemStatusForm, ReplyForm, RequestForm
from yalu.permits.queries import requests_in_scope
from yalu.permits.reply import LANGUAGES, render_reply_pdf, reply_text


@requires("permits.view_reunificationrequest")
def request_list(request: HttpRequest) -> HttpResponse:
    requests = requests_in_scope(request.user).order_by("-requested_on", "-id")
    return render(request, "permits/request_list.html", {"requests": requests})


@requires("permits.add_reunificationrequest")
def request_create(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        items = [
            reunification.ItemInput(
                name=row["name"],
                birth_year=row["birth_year"],
                relation=row["relation"],
                relative_abroad=row["relative_abroad"],
            )
            for row in data["persons"]
        ]
        try:
            created = reunification.record_request(
                acting_user=acting_user(request),
                sender=data["sender"],
                request_ref=data["request_ref"],
                requested_on=data["requested_on"],
                requested_by=data["requested_by"],
                area=data["area"],
                items=items,
                note=data["note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error, default_field="persons")
        else:
            messages.success(request, _("The request was recorded."))
            return redirect("permits:request_detail", request_id=created.pk)
    return render(request, "permits/form.html", {"form": form, "title": _("Record a reunification request")})


@requires("permits.view_reunificationrequest")
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    note = access_request(request.user, request_id)
    record_audit(actor=request.user, action="view", target=note, request=request)
    items = note.items.select_related("person", "candidate").order_by("id")
    counts = {status: sum(1 for item in items if item.status == status) for status in ("travelled", "declined")}
    context = {
        "note": note,
        "items": items,
        "travelled": counts["travelled"],
        "declined": counts["declined"],
        "pending": len(items) - counts["travelled"] - counts["declined"],
        "status_form": ItemStatusForm(),
        "link_form": ItemLinkForm(),
        "can_change": request.user.has_perm("permits.change_reunificationrequest"),
    }
    return render(request, "permits/request_detail.html", context)


@requires("permits.change_reunificationrequest")
def item_status(request: HttpRequest, request_id: int, item_id: int) -> HttpResponse:
    note = access_request(request.user, request_id)
    item = access_item(request.user, note, item_id)
    form = ItemStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reunification.set_item_status(
                acting_user=acting_user(request), item=item, status=data["status"], on=data["on"], reason=data["reason"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The status was recorded."))
            return redirect("permits:request_detail", request_id=note.pk)
    return render(request, "permits/form.html", {"form": form, "title": item.name})


@requires("permits.change_reunificationrequest")
def item_link(request: HttpRequest, request_id: int, item_id: int) -> HttpResponse:
    note = access_request(request.user, request_id)
    item = access_item(request.user, note, item_id)
    form = ItemLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = access_person(request.user, form.cleaned_data["person_id"])
        except NotFoundOrNotInScope:
            form.add_error("person_id", _("No person with this number in your jurisdiction."))
        else:
            reunification.link_item_person(
                acting_user=acting_user(request), item=item, person=person, on=form.cleaned_data["on"]
            )
            messages.success(request, _("The person was linked."))
            return redirect("permits:request_detail", request_id=note.pk)
    return render(request, "permits/form.html", {"form": form, "title": item.name})


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise Http404(language)
    return language


@requires("permits.view_reunificationrequest")
def reply_edit(request: HttpRequest, request_id: int, language: str) -> HttpResponse:
    note = access_request(request.user, request_id)
    language = _language(language)
    text = reply_text(note, language, today=timezone.localdate())
    form = ReplyForm(request.POST or None, initial={"text": text})
    if request.method == "POST" and form.is_valid():
        try:
            reunification.save_reply(
                acting_user=acting_user(request), request=note, language=language, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The reply was saved."))
            return redirect("permits:reply_edit", request_id=note.pk, language=language)
    return render(request, "permits/reply_edit.html", {"form": form, "note": note, "language": language})


@requires("permits.view_reunificationrequest")
def reply_pdf(request: HttpRequest, request_id: int, language: str) -> HttpResponse:
    note = access_request(request.user, request_id)
    language = _language(language)
    pdf = render_reply_pdf(reply_text(note, language, today=timezone.localdate()), language)
    record_audit(actor=request.user, action="export", target=note, request=request, detail={"reply": language})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="reply-{note.pk}-{language}.pdf"'
    return response


@requires("permits.view_reunificationrequest")
def reply_txt(request: HttpRequest, request_id: int, language: str) -> HttpResponse:
    note = access_request(request.user, request_id)
    language = _language(language)
    text = reply_text(note, language, today=timezone.localdate())
    record_audit(actor=request.user, action="export", target=note, request=request, detail={"reply": language})
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reply-{note.pk}-{language}.txt"'
    return response
