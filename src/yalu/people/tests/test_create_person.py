"""Registering persons from the page and through the action; bad input gets field errors, nothing half-saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from yalu.areas.models import Area
from yalu.people.actions import NameInput, create_person, link_family
from yalu.people.models import FamilyLink, Person, PersonName


def form_data(**overrides):
    data = {
        "home_area": str(Area.objects.get(code="222405").pk),
        "sex": "F",
        "birth_date": "1940-03",
        "nationality": "CN",
        "name_system": "hangul",
        "family_name": "리",
        "given_name": "순옥",
        "full_name": "",
        "source": "household register",
        "description": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_clerk_registers_a_person_from_the_page(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    response = client.post("/people/new/", form_data())
    assert response.status_code == 302
    person = Person.objects.get(names__full="리순옥")
    assert person.birth_date == "1940-03" and person.birth_precision == "month"
    assert person.home_area.code == "222405"


def test_unknown_or_out_of_scope_area_is_refused(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    yanji = Area.objects.get(code="222401")
    response = client.post("/people/new/", form_data(home_area=str(yanji.pk)))
    assert response.status_code == 200
    assert response.context["form"].errors["home_area"]
    response = client.post("/people/new/", form_data(home_area="999999"))
    assert response.context["form"].errors["home_area"]
    assert not PersonName.objects.filter(full="리순옥").exists()


def test_future_birth_date_is_refused(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    next_year = datetime.date.today().year + 1
    response = client.post("/people/new/", form_data(birth_date=str(next_year)))
    assert response.context["form"].errors["birth_date"]
    response = client.post("/people/new/", form_data(birth_date="1940-02-30"))
    assert response.context["form"].errors["birth_date"]
    response = client.post("/people/new/", form_data(birth_date="soon"))
    assert response.context["form"].errors["birth_date"]
    assert not Person.objects.filter(names__full="리순옥").exists()


def test_unidentified_person_can_be_registered_by_description(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    response = client.post(
        "/people/new/",
        form_data(family_name="", given_name="", sex="M", birth_date="", description="unknown man, about 30"),
    )
    assert response.status_code == 302
    assert Person.objects.filter(description="unknown man, about 30", names__isnull=True).exists()


def test_a_bad_name_is_refused_with_a_field_error_and_nothing_saved(personas) -> None:
    count = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        create_person(
            acting_user=personas.clerk_longjing,
            home_area=Area.objects.get(code="222405"),
            names=[NameInput(system="hangul", full="!!!")],
        )
    assert "name" in error.value.message_dict
    assert Person.objects.count() == count


def test_family_link_to_oneself_and_cycle_of_parents_are_refused(personas) -> None:
    clerk = personas.clerk_longjing
    area = Area.objects.get(code="222405")
    grandfather = create_person(acting_user=clerk, home_area=area, names=[NameInput(system="hangul", full="박만수")])
    father = personas.longjing_person
    child = create_person(acting_user=clerk, home_area=area, names=[NameInput(system="hangul", full="박영호")])
    link_family(acting_user=clerk, person=father, relative=grandfather, relation="parent")
    link_family(acting_user=clerk, person=child, relative=father, relation="parent")
    with pytest.raises(ValidationError) as error:
        link_family(acting_user=clerk, person=father, relative=father, relation="spouse")
    assert "relative" in error.value.message_dict
    with pytest.raises(ValidationError):
        link_family(acting_user=clerk, person=grandfather, relative=child, relation="parent")
    assert FamilyLink.objects.count() == 2
    # the page answers the same with a field error
    response = personas.client(clerk).post(
        f"/people/{grandfather.pk}/family/", {"relation": "parent", "relative_id": child.pk}
    )
    assert response.status_code == 200 and response.context["form"].errors["relative_id"]


def test_family_is_shown_from_both_sides(personas) -> None:
    clerk = personas.clerk_longjing
    area = Area.objects.get(code="222405")
    child = create_person(acting_user=clerk, home_area=area, names=[NameInput(system="hangul", full="박영호")])
    response = personas.client(clerk).post(
        f"/people/{child.pk}/family/", {"relation": "parent", "relative_id": personas.longjing_person.pk}
    )
    assert response.status_code == 302
    client = personas.client(clerk)
    assert "朴成哲" in client.get(f"/people/{child.pk}/").content.decode()
    assert "박영호" in client.get(f"/people/{personas.longjing_person.pk}/").content.decode()
