"""Pages of the registry: list with search, record, create, edit, names and family."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from yalu.areas.queries import area_by_code
from yalu.core.access import acting_user, requires
from yalu.core.audit import record_audit
from yalu.core.errors import NotFoundOrNotInScope
from yalu.core.forms import apply_validation_error
from yalu.people import actions
from yalu.people.access import access_person
from yalu.people.forms import FamilyLinkForm, NameForm, PersonAttributesForm, PersonCreateForm
from yalu.people.queries import family_of, search_people


@requires("people.view_person")
def person_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    area_code = request.GET.get("area", "").strip()
    area = area_by_code(area_code) if area_code else None
    people = search_people(request.user, q=q, area=area)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    if q or area_code:
        record_audit(
            actor=request.user,
            action="search",
            request=request,
            object_type="people.person",
            detail={"q": q, "area": area_code, "count": page.paginator.count},
        )
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/person_list.html"
    return render(request, template, {"page": page, "q": q, "area_code": area_code})


@requires("people.view_person")
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    record_audit(actor=request.user, action="view", target=person, request=request)
    context: dict[str, Any] = {
        "person": person,
        "names": person.names.all(),
        "family": family_of(person, request.user),
        "changes": person.changes.select_related("actor")[:100],
        "name_form": NameForm(),
        "link_form": FamilyLinkForm(),
        "can_change": request.user.has_perm("people.change_person"),
    }
    return render(request, "people/person_detail.html", context)


@requires("people.add_person")
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        year, month, day = data["birth_date"]
        names = []
        if form.has_name():
            names.append(
                actions.NameInput(
                    system=data["name_system"],
                    full=data["full_name"],
                    family=data["family_name"],
                    given=data["given_name"],
                    source=data["source"],
                )
            )
        try:
            person = actions.create_person(
                acting_user=acting_user(request),
                home_area=data["home_area"],
                names=names,
                sex=data["sex"],
                birth_year=year,
                birth_month=month,
                birth_day=day,
                nationality=data["nationality"],
                description=data["description"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The person was registered."))
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "title": _("Register a person")})


@requires("people.change_person")
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    initial = {
        "home_area": person.home_area,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "nationality": person.nationality,
        "description": person.description,
        "note": person.note,
    }
    form = PersonAttributesForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        year, month, day = data["birth_date"]
        try:
            actions.update_person(
                acting_user=acting_user(request),
                person=person,
                home_area=data["home_area"],
                sex=data["sex"],
                birth_year=year,
                birth_month=month,
                birth_day=day,
                nationality=data["nationality"],
                description=data["description"],
                note=data["note"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person, "title": _("Edit the record")})


@requires("people.change_person")
def person_add_name(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.has_name():
            form.add_error("full_name", _("Give a name."))
        else:
            data = form.cleaned_data
            try:
                actions.add_name(
                    acting_user=acting_user(request),
                    person=person,
                    name=actions.NameInput(
                        system=data["name_system"],
                        full=data["full_name"],
                        family=data["family_name"],
                        given=data["given_name"],
                        source=data["source"],
                    ),
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("The name was added."))
                return HttpResponseRedirect(reverse("people:detail", args=[person.pk]))
    return render(request, "people/simple_form.html", {"form": form, "person": person, "title": _("Add a name")})


@requires("people.change_person")
def person_add_link(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    form = FamilyLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            relative = access_person(request.user, form.cleaned_data["relative_id"])
        except NotFoundOrNotInScope:
            form.add_error("relative_id", _("No person with this number in your jurisdiction."))
        else:
            try:
                actions.link_family(
                    acting_user=acting_user(request),
                    person=person,
                    relative=relative,
                    relation=form.cleaned_data["relation"],
                )
            except ValidationError as error:
                apply_validation_error(form, error, default_field="relative_id")
            else:
                messages.success(request, _("The family link was added."))
                return HttpResponseRedirect(reverse("people:detail", args=[person.pk]))
    return render(request, "people/simple_form.html", {"form": form, "person": person, "title": _("Add a family link")})
