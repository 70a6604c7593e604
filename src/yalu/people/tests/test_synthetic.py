"""Tests of the synthetic demo registry generator (no Django needed)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yalu.people.synthetic import (
    EARLIEST_BIRTH_YEAR,
    MAX_PARENT_GAP,
    MIN_PARENT_GAP,
    SyntheticLink,
    SyntheticPerson,
    generate_registry,
    join_pinyin,
)
from yalu.people.synthetic_names import (
    AVOIDED_FULL_NAMES,
    FEMALE_ENDINGS,
    FEMALE_NON_LEADS,
    GIVEN_SYLLABLES,
    SINGLE_FEMALE,
    SINGLE_MALE,
    SURNAMES,
)

COUNTIES = {"222401": 120, "222403": 80, "210681": 50}

SURNAME_PINYIN = {(s.hangul, s.hanzi): s.pinyin for s in SURNAMES}
SYLLABLE_PINYIN = {(s.hangul, s.hanzi): s.pinyin for s in GIVEN_SYLLABLES}


@cache
def registry(seed: int = 1962) -> tuple[list[SyntheticPerson], list[SyntheticLink]]:
    return generate_registry(households=COUNTIES, seed=seed)


def by_ref(persons: list[SyntheticPerson]) -> dict[str, SyntheticPerson]:
    return {p.ref: p for p in persons}


def test_tables_are_sane() -> None:
    assert len(GIVEN_SYLLABLES) >= 80
    assert len({s.hanzi for s in GIVEN_SYLLABLES}) == len(GIVEN_SYLLABLES)
    assert len({s.hanzi for s in SURNAMES}) == len(SURNAMES)
    for s in GIVEN_SYLLABLES:
        assert len(s.hangul) == len(s.hanzi) == 1
        assert s.pinyin == s.pinyin.lower() and s.pinyin.isalpha()
    for sn in SURNAMES:
        assert len(sn.hangul) == len(sn.hanzi) in (1, 2)
        assert sn.pinyin[:1].isupper() and sn.weight > 0
    hanzi = {s.hanzi for s in GIVEN_SYLLABLES}
    assert hanzi >= FEMALE_ENDINGS | FEMALE_NON_LEADS | SINGLE_MALE | SINGLE_FEMALE
    # Chinese-Korean spelling keeps the initial ㄹ.
    assert {"룡", "련", "렬"} <= {s.hangul for s in GIVEN_SYLLABLES}


def test_join_pinyin() -> None:
    assert join_pinyin(["cheng", "zhe"]) == "Chengzhe"
    assert join_pinyin(["ying", "ai"]) == "Ying'ai"
    assert join_pinyin(["ai"]) == "Ai"


def test_deterministic() -> None:
    first = generate_registry(households=COUNTIES, seed=7)
    assert first == generate_registry(households=COUNTIES, seed=7)
    assert first != generate_registry(households=COUNTIES, seed=8)
    # Dict order does not matter.
    reordered = dict(reversed(list(COUNTIES.items())))
    assert first == generate_registry(households=reordered, seed=7)


def test_refs_unique_and_shaped() -> None:
    persons, _ = registry()
    refs = [p.ref for p in persons]
    assert len(set(refs)) == len(refs)
    assert refs[0] == "P000001"
    assert all(r.startswith("P") and len(r) == 7 for r in refs)
    assert all(p.household_ref.startswith("H") and len(p.household_ref) == 6 for p in persons)


def test_counts_per_county() -> None:
    persons, _ = registry()
    households: dict[str, set[str]] = defaultdict(set)
    sizes: Counter[str] = Counter()
    for p in persons:
        households[p.home_area].add(p.household_ref)
        sizes[p.household_ref] += 1
    assert {area: len(h) for area, h in households.items()} == COUNTIES
    assert all(1 <= n <= 7 for n in sizes.values())
    assert {1, 7} <= set(sizes.values())
    # A household lives in a single county.
    areas: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        areas[p.household_ref].add(p.home_area)
    assert all(len(a) == 1 for a in areas.values())


def test_names_consistent() -> None:
    persons, _ = registry()
    single = 0
    for p in persons:
        assert [n.system for n in p.names] == ["hangul", "hanzi", "pinyin"]
        hangul, hanzi, pinyin = p.names
        assert hangul.full == hangul.family + hangul.given
        assert hanzi.full == hanzi.family + hanzi.given
        assert pinyin.full == f"{pinyin.family} {pinyin.given}"
        assert SURNAME_PINYIN[(hangul.family, hanzi.family)] == pinyin.family
        assert len(hangul.given) == len(hanzi.given) in (1, 2)
        syllables = [SYLLABLE_PINYIN[pair] for pair in zip(hangul.given, hanzi.given, strict=True)]
        assert pinyin.given == join_pinyin(syllables)
        assert hangul.full not in AVOIDED_FULL_NAMES
        single += len(hangul.given) == 1
    assert 0.03 < single / len(persons) < 0.15


def test_births_plausible() -> None:
    persons, _ = registry()
    precisions = Counter(p.birth_precision for p in persons)
    for p in persons:
        assert EARLIEST_BIRTH_YEAR <= p.birth_year <= 1961
        if p.birth_precision == "year":
            assert p.birth_month is None and p.birth_day is None
        elif p.birth_precision == "month":
            assert p.birth_month is not None and 1 <= p.birth_month <= 12
            assert p.birth_day is None
        else:
            assert p.birth_precision == "day"
            assert p.birth_month is not None and p.birth_day is not None
    n = len(persons)
    assert 0.22 < precisions["year"] / n < 0.38
    assert 0.13 < precisions["month"] / n < 0.27
    assert 0.42 < precisions["day"] / n < 0.58
    sexes = Counter(p.sex for p in persons)
    assert set(sexes) == {"M", "F"}
    nationalities = Counter(p.nationality for p in persons)
    assert set(nationalities) == {"CN", "KP"}
    assert nationalities["KP"] / n < 0.1


def test_links() -> None:
    persons, links = registry()
    people = by_ref(persons)
    kinds = Counter(link.kind for link in links)
    assert set(kinds) == {"spouse", "parent", "sibling"}
    assert len(set(links)) == len(links)
    parents: dict[str, list[str]] = defaultdict(list)
    for link in links:
        a, b = people[link.a_ref], people[link.b_ref]
        assert a.ref != b.ref
        assert a.household_ref == b.household_ref
        if link.kind == "spouse":
            assert {a.sex, b.sex} == {"M", "F"}
        elif link.kind == "parent":
            assert MIN_PARENT_GAP <= b.birth_year - a.birth_year <= MAX_PARENT_GAP
            parents[b.ref].append(a.ref)
        else:
            assert link.kind == "sibling"
    for child, ps in parents.items():
        assert len(ps) <= 2
        if len(ps) == 2:
            assert {people[r].sex for r in ps} == {"M", "F"}
        # Children carry the father's surname.
        fathers = [people[r] for r in ps if people[r].sex == "M"]
        for father in fathers:
            assert father.names[1].family == people[child].names[1].family


def test_siblings_share_parents_and_distinct_names() -> None:
    persons, links = registry()
    people = by_ref(persons)
    parents: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind == "parent":
            parents[link.b_ref].add(link.a_ref)
    for link in links:
        if link.kind == "sibling":
            assert parents[link.a_ref] == parents[link.b_ref] != set()
            assert people[link.a_ref].names[0].full != people[link.b_ref].names[0].full


def test_no_parent_cycles() -> None:
    _, links = registry()
    children: dict[str, list[str]] = defaultdict(list)
    for link in links:
        if link.kind == "parent":
            children[link.a_ref].append(link.b_ref)
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for nxt in children[node]:
            assert state.get(nxt) != 1, "cycle of parents"
            if nxt not in state:
                visit(nxt)
        state[node] = 2

    for node in list(children):
        if node not in state:
            visit(node)


def test_generation_syllables_common() -> None:
    persons, links = registry()
    people = by_ref(persons)
    shared = total = 0
    for link in links:
        a, b = people[link.a_ref], people[link.b_ref]
        if link.kind == "sibling" and a.sex == b.sex == "M":
            ga, gb = a.names[1].given, b.names[1].given
            if len(ga) == len(gb) == 2:
                total += 1
                shared += ga[0] == gb[0] or ga[1] == gb[1]
    assert total > 0 and shared / total > 0.4


def test_empty_and_invalid() -> None:
    assert generate_registry(households={}) == ([], [])
    assert generate_registry(households={"X": 0}) == ([], [])
    with pytest.raises(ValueError):
        generate_registry(households={"X": -1})


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    born_before=st.integers(min_value=1930, max_value=1990),
    n=st.integers(min_value=1, max_value=30),
)
def test_invariants_any_seed(seed: int, born_before: int, n: int) -> None:
    persons, links = generate_registry(households={"A": n}, seed=seed, born_before=born_before)
    people = by_ref(persons)
    assert len({p.household_ref for p in persons}) == n
    for p in persons:
        assert EARLIEST_BIRTH_YEAR <= p.birth_year < born_before
    for link in links:
        assert link.a_ref != link.b_ref
        if link.kind == "parent":
            gap = people[link.b_ref].birth_year - people[link.a_ref].birth_year
            assert MIN_PARENT_GAP <= gap <= MAX_PARENT_GAP


def test_fast_enough() -> None:
    start = time.perf_counter()
    persons, _ = generate_registry(households={"222401": 6000, "210681": 4000})
    elapsed = time.perf_counter() - start
    assert len({p.household_ref for p in persons}) == 10_000
    assert elapsed < 10
