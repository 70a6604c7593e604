"""Search in any script, ranked by match quality, on stored keys; and the key backfill command."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from yalu.areas.models import Area
from yalu.people.actions import NameInput, create_person
from yalu.people.models import NameKey, Person, PersonName
from yalu.people.queries import RANK_KEY, RANK_PREFIX, RANK_PRIMARY, search_people


@pytest.mark.parametrize("query", ["Pak Song Chol", "Piao Chengzhe", "朴成哲", "Park Sung-chul", "박성철"])
def test_park_song_chol_is_found_in_every_script(personas, query) -> None:
    # given 박성철 / 朴成哲 in Longjing
    # when the analyst searches in another script or romanization
    found = list(search_people(personas.analyst_jilin, q=query))
    # then he is found, and Kim Yong-suk is not
    assert personas.longjing_person in found
    assert personas.yanji_person not in found


def test_the_page_and_the_api_use_the_same_search(personas) -> None:
    client = personas.client(personas.analyst_jilin)
    page = client.get("/people/", {"q": "Pak Song Chol"}).content.decode()
    assert f'href="/people/{personas.longjing_person.pk}/"' in page
    body = client.get("/api/v1/people/", {"q": "Piao Chengzhe"}).json()
    assert [item["id"] for item in body["items"]] == [personas.longjing_person.pk]


def test_results_are_ranked_primary_reading_then_any_key_then_prefix(personas) -> None:
    # given three more persons in Longjing
    area = Area.objects.get(code="222405")
    clerk = personas.clerk_longjing

    def register(system: str, full: str) -> Person:
        return create_person(acting_user=clerk, home_area=area, names=[NameInput(system=system, full=full)])

    prefix_only = register("pinyin", "Piao Chengzheng")
    other_reading = register("hangul", "박정철")
    exact = register("hangul", "박정자")
    # when searching "Piao Chengzhe", whose most likely reading is 박정자 and which 박성철 and 박정철 also yield
    results = list(search_people(clerk, q="Piao Chengzhe"))
    ranks = {person.pk: getattr(person, "rank") for person in results}  # noqa: B009
    # then the primary reading comes first, other keys next, the prefix of a written name last
    assert ranks[exact.pk] == RANK_PRIMARY
    assert ranks[personas.longjing_person.pk] == RANK_KEY
    assert ranks[other_reading.pk] == RANK_KEY
    assert ranks[prefix_only.pk] == RANK_PREFIX
    assert results[0] == exact and results[-1] == prefix_only


def test_unreadable_query_finds_nothing_and_empty_query_lists_all(personas) -> None:
    assert list(search_people(personas.analyst_jilin, q="ㅂㅅ")) == []
    assert search_people(personas.analyst_jilin, q="  ").count() == 2


def test_search_stays_in_the_jurisdiction(personas) -> None:
    assert list(search_people(personas.clerk_yanji, q="Pak Song Chol")) == []


def test_rebuild_name_keys_backfills_missing_keys(personas) -> None:
    # given names whose stored keys were lost (written before keys existed)
    NameKey.objects.all().delete()
    PersonName.objects.update(key_hangul="", key_family="", key_given="", search_text="")
    assert list(search_people(personas.analyst_jilin, q="Pak Song Chol")) == []
    # when the command runs in small batches
    out = StringIO()
    call_command("rebuild_name_keys", "--batch-size", "2", stdout=out)
    # then every name has its keys again, progress was printed, and search finds 박성철 again
    assert "names 2/3" in out.getvalue() and "done: 3 names" in out.getvalue()
    hangul = PersonName.objects.get(person=personas.longjing_person, system="hangul")
    assert (hangul.key_hangul, hangul.key_family, hangul.key_given) == ("박성철", "박", "성철")
    assert NameKey.objects.filter(person=personas.longjing_person, key="paksongcol").exists()
    assert list(search_people(personas.analyst_jilin, q="Pak Song Chol")) == [personas.longjing_person]


def test_rebuild_name_keys_is_idempotent(personas) -> None:
    before = sorted(NameKey.objects.values_list("name_id", "key"))
    call_command("rebuild_name_keys", stdout=StringIO())
    assert sorted(NameKey.objects.values_list("name_id", "key")) == before
