"""search_people's query shape: queries without a reading, and matches limited to a jurisdiction or area."""

from __future__ import annotations

from yalu.areas.models import Area
from yalu.people.actions import NameInput, create_person
from yalu.people.models import Person
from yalu.people.queries import RANK_PREFIX, RANK_PRIMARY, search_people


def _register(personas, system: str, full: str, code: str = "222405") -> Person:
    return create_person(
        acting_user=None, home_area=Area.objects.get(code=code), names=[NameInput(system=system, full=full)]
    )


def test_a_query_without_a_reading_matches_the_written_prefix_only(personas) -> None:
    # given two foreign names, which have no Hangul reading and so no keys
    sua = _register(personas, "other-latin", "Schmidt Xaver")
    other = _register(personas, "other-latin", "Brzeczyszczykiewicz Wanda")
    # when searching one of them as written
    results = list(search_people(personas.analyst_jilin, q="Schmidt Xaver"))
    # then it is found by its prefix, and the other name without a reading is not taken for a match
    assert results == [sua]
    assert getattr(results[0], "rank") == RANK_PREFIX  # noqa: B009
    assert other not in results


def test_matches_are_limited_to_the_jurisdiction_and_keep_their_rank(personas) -> None:
    # given 박성철 written again in Yanji, outside the Longjing clerk's jurisdiction
    yanji_park = _register(personas, "hangul", "박성철", code="222401")
    # the analyst of the province sees both, the primary reading first by id
    everywhere = list(search_people(personas.analyst_jilin, q="박성철"))
    assert everywhere == [personas.longjing_person, yanji_park]
    assert [getattr(person, "rank") for person in everywhere] == [RANK_PRIMARY, RANK_PRIMARY]  # noqa: B009
    # the Longjing clerk sees only the Longjing record, ranked the same
    longjing = list(search_people(personas.clerk_longjing, q="Pak Song Chol"))
    assert longjing == [personas.longjing_person]
    assert getattr(longjing[0], "rank") == RANK_PRIMARY  # noqa: B009
    assert search_people(personas.clerk_longjing, q="Pak Song Chol").count() == 1
    # and an area chosen by the analyst limits the same way
    in_yanji = search_people(personas.analyst_jilin, q="朴成哲", area=Area.objects.get(code="222401"))
    assert list(in_yanji) == [yanji_park]
    assert in_yanji[0].names.all()[0].full == "박성철", "names are read with the persons"
