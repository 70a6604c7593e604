"""Linkage records read from the database: the registry's persons and the items of incoming lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db.models import QuerySet

from yalu.linkage.records import LinkageRecord, StoredName, name_from_text
from yalu.people.models import NameKey, Person, PersonName

EXPORT_BATCH = 2000


def _names_of(person_ids: list[int]) -> dict[int, list[StoredName]]:
    keys: dict[int, list[str]] = defaultdict(list)
    for name_id, key in (
        NameKey.objects.filter(person_id__in=person_ids).order_by("name_id", "id").values_list("name_id", "key")
    ):
        keys[name_id].append(key)
    names: dict[int, list[StoredName]] = defaultdict(list)
    for row in (
        PersonName.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "id")
        .values("id", "person_id", "system", "full", "family", "given", "key_hangul", "key_family", "key_given")
    ):
        names[row["person_id"]].append(
            StoredName(
                system=row["system"],
                full=row["full"],
                family=row["family"],
                given=row["given"],
                key_hangul=row["key_hangul"],
                key_family=row["key_family"],
                key_given=row["key_given"],
                keys=tuple(keys[row["id"]]),
            )
        )
    return names


def registry_records(persons: QuerySet[Person], *, batch_size: int = EXPORT_BATCH) -> Iterator[LinkageRecord]:
    """One record per person with at least one name, read in batches of `batch_size` persons."""
    last_id = 0
    rows = persons.order_by("pk").values(
        "pk", "sex", "birth_year", "birth_month", "home_area__code", "home_area__parent__code"
    )
    while True:
        batch = list(rows.filter(pk__gt=last_id)[:batch_size])
        if not batch:
            return
        last_id = batch[-1]["pk"]
        names = _names_of([row["pk"] for row in batch])
        for row in batch:
            if names.get(row["pk"]):
                yield LinkageRecord(
                    record_id=row["pk"],
                    names=names[row["pk"]],
                    sex=row["sex"],
                    birth_year=row["birth_year"],
                    birth_month=row["birth_month"],
                    area=row["home_area__code"] or "",
                    prefecture=row["home_area__parent__code"] or "",
                )


def incoming_record(
    record_id: int,
    *,
    names: Iterable[Mapping[str, str]],
    sex: str = "",
    birth_year: int | None = None,
    birth_month: int | None = None,
    area: str = "",
    prefecture: str = "",
) -> LinkageRecord | None:
    """A record of an incoming list (names as {system, full, family, given}); None when no name is readable."""
    stored = [
        found
        for name in names
        if (
            found := name_from_text(
                name.get("system", ""), name.get("full", ""), name.get("family", ""), name.get("given", "")
            )
        )
        is not None
    ]
    if not stored:
        return None
    return LinkageRecord(record_id, stored, sex, birth_year, birth_month, area, prefecture)


def record_of_item(item: Any) -> LinkageRecord | None:
    """The record of an incoming item shaped like ledger's HandbackItem (names, sex, birth, home_area)."""
    home = getattr(item, "home_area", None)
    return incoming_record(
        item.pk,
        names=getattr(item, "names", None) or [],
        sex=getattr(item, "sex", "") or "",
        birth_year=getattr(item, "birth_year", None),
        birth_month=getattr(item, "birth_month", None),
        area=home.code if home is not None else "",
        prefecture=home.parent.code if home is not None and home.parent_id else "",
    )
