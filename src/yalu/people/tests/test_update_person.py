"""Editing a record keeps its history: who, when, old, new."""

from __future__ import annotations

from yalu.areas.models import Area
from yalu.people.models import PersonChange


def test_edit_records_history_shown_on_the_record(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    person = personas.longjing_person
    response = client.post(
        f"/people/{person.pk}/edit/",
        {
            "home_area": str(Area.objects.get(code="222405").pk),
            "sex": "M",
            "birth_date": "1931-07-02",
            "nationality": "CN",
            "description": "",
            "note": "moved within the county",
        },
    )
    assert response.status_code == 302
    change = PersonChange.objects.get(person=person, field="birth_month")
    assert (change.old, change.new, change.actor) == ("", "7", personas.clerk_longjing)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "moved within the county" in page and "birth_day" in page


def test_adding_a_name_in_another_script(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    person = personas.longjing_person
    response = client.post(
        f"/people/{person.pk}/names/",
        {"name_system": "pinyin", "full_name": "Piao Chengzhe", "family_name": "", "given_name": "", "source": "index"},
    )
    assert response.status_code == 302
    assert person.names.filter(full="Piao Chengzhe", system="pinyin").exists()


def test_clerk_cannot_edit_outside_jurisdiction(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    response = client.post(f"/people/{personas.yanji_person.pk}/edit/", {"sex": "M"})
    assert response.status_code == 404


def test_analyst_cannot_edit(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    assert client.get(f"/people/{personas.longjing_person.pk}/edit/").status_code == 403
