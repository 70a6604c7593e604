"""Reads of the registry, always through the caller's jurisdiction."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from yalu.areas.models import Area
from yalu.core.access import scope_q
from yalu.names import InvalidName, name_keys, normalize
from yalu.names.keys import MAX_KEY_LENGTH
from yalu.people.models import FamilyLink, NameKey, Person, PersonName


def people_in_scope(user: Any) -> QuerySet[Person]:
    return Person.objects.filter(scope_q(user, "home_area"))


def search_text_of(query: str) -> str:
    return normalize(query).casefold().replace(" ", "").replace("-", "")


# Match quality, best first: the query's most likely Hangul reading equals a name's primary reading;
# any key of the query equals any key of a name (another reading, a romanization skeleton); the query
# is the beginning of a name as written.
RANK_PRIMARY, RANK_KEY, RANK_PREFIX = 0, 1, 2
_PREFIX_END = "\U0010ffff"


def _prefix_filter(text: str) -> Q:
    """search_text starts with `text`: the range lets both SQLite and PostgreSQL use the index."""
    return Q(search_text__gte=text, search_text__lt=text + _PREFIX_END, search_text__startswith=text)


def search_people(user: Any, *, q: str = "", area: Area | None = None) -> QuerySet[Person]:
    """Persons in scope, optionally under `area`, matching `q` on any stored name, best match first.

    Every person returned carries `rank` (RANK_PRIMARY, RANK_KEY or RANK_PREFIX). Only stored,
    indexed columns are read: PersonName.key_hangul, NameKey.key and PersonName.search_text, all
    computed when the name was written (`manage.py rebuild_name_keys` recomputes them).
    """
    people = people_in_scope(user)
    if area is not None:
        people = people.filter(home_area__path__startswith=area.path)
    q = q.strip()
    if not q:
        return _with_names(people).order_by("id")
    try:
        found = name_keys(q)
        text = search_text_of(q)
    except InvalidName:
        return people.none()
    by_prefix = PersonName.objects.filter(_prefix_filter(text)).order_by().values("person_id")
    if not found.hangul:  # no reading (e.g. pinyin written with apostrophes): only the written prefix matches
        return _with_names(_matching(people, by_prefix)).annotate(rank=Value(RANK_PREFIX)).order_by("id")
    # A name's primary reading is one of its keys, so the persons matched by the primary reading are
    # among those matched by a key: the match is the keys or the prefix, in one pass over each index.
    primary = found.hangul[0][:MAX_KEY_LENGTH]
    by_primary = PersonName.objects.filter(key_hangul=primary).order_by().values("person_id")
    by_key = NameKey.objects.filter(key__in=list(found.keys)).order_by().values("person_id")
    return (
        _with_names(_matching(people, by_key.union(by_prefix)))
        .annotate(
            rank=Case(
                When(pk__in=by_primary, then=Value(RANK_PRIMARY)),
                When(pk__in=by_key, then=Value(RANK_KEY)),
                default=Value(RANK_PREFIX),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "id")
    )


def _matching(people: QuerySet[Person], person_ids: QuerySet[Any]) -> QuerySet[Person]:
    """`people` whose id is among `person_ids`.

    When `people` is limited (a jurisdiction, an area), the limit is applied to the ids alone first — on
    the (home_area, id) index, without reading a row — and only the persons left are read.
    """
    if not people.query.where:
        return people.filter(pk__in=person_ids)
    return Person.objects.filter(pk__in=people.filter(pk__in=person_ids).values("pk"))


def _with_names(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.select_related("home_area").prefetch_related(
        Prefetch("names", queryset=PersonName.objects.order_by("id"))
    )


def family_of(person: Person, user: Any) -> list[tuple[str, Person]]:
    """Both directions of every link, as (relation seen from `person`, relative), relatives in scope only."""
    visible = people_in_scope(user)
    rows: list[tuple[str, Person]] = []
    for link in FamilyLink.objects.filter(to_person=person, from_person__in=visible).select_related("from_person"):
        rows.append((link.relation, link.from_person))
    for link in FamilyLink.objects.filter(from_person=person, to_person__in=visible).select_related("to_person"):
        rows.append(("child" if link.relation == "parent" else link.relation, link.to_person))
    return rows
