"""Deterministic generator of a SYNTHETIC registry of ethnic-Korean residents.

Demo data only: every person is invented.  Households of the Chinese border
counties (1-7 persons): a couple, the wife keeping her own surname, their
children with the father's surname and often a shared generation syllable
(돌림자), sometimes a grandparent or a widowed parent.  Each person has the
same name in Hangul, Hanja and pinyin.

Pure Python (stdlib only), no Django import; randomness only from
``random.Random(seed)``.
"""

from __future__ import annotations

import calendar
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from yalu.people.synthetic_names import (
    AVOIDED_FULL_NAMES,
    FEMALE_ENDINGS,
    FEMALE_NON_LEADS,
    GIVEN_SYLLABLES,
    SINGLE_FEMALE,
    SINGLE_MALE,
    SURNAMES,
    Surname,
    Syllable,
)

__all__ = [
    "SyntheticLink",
    "SyntheticName",
    "SyntheticPerson",
    "generate_registry",
    "join_pinyin",
]

EARLIEST_BIRTH_YEAR = 1880
MIN_PARENT_GAP = 18
MAX_PARENT_GAP = 45

_SIZE_WEIGHTS = (4, 10, 14, 20, 22, 18, 12)  # household sizes 1..7
_PRECISIONS = ("year", "month", "day")
_PRECISION_WEIGHTS = (30, 20, 50)


@dataclass(frozen=True)
class SyntheticName:
    system: str  # "hangul" | "hanzi" | "pinyin"
    family: str  # "박" | "朴" | "Piao"
    given: str  # "성철" | "成哲" | "Chengzhe"
    full: str  # "박성철" | "朴成哲" | "Piao Chengzhe"


@dataclass(frozen=True)
class SyntheticPerson:
    ref: str  # "P000001", unique, stable for a given seed
    names: tuple[SyntheticName, ...]  # hangul + hanzi + pinyin of the same name
    sex: str  # "M" | "F"
    birth_year: int
    birth_month: int | None
    birth_day: int | None
    birth_precision: str  # "year" | "month" | "day"
    nationality: str  # "CN" | "KP"
    home_area: str  # a county code given to the generator
    household_ref: str  # "H00001"


@dataclass(frozen=True)
class SyntheticLink:
    kind: str  # "spouse" | "parent" | "sibling"  ("parent": a is a parent of b)
    a_ref: str
    b_ref: str


def join_pinyin(syllables: Sequence[str]) -> str:
    """Join toneless pinyin syllables into one capitalised word.

    An apostrophe separates a syllable starting with a, o or e from the one
    before it, as the pinyin rules require (``Ying'ai``).
    """
    out = ""
    for syllable in syllables:
        if out and syllable[:1] in ("a", "o", "e"):
            out += "'"
        out += syllable
    return out[:1].upper() + out[1:]


def _names(surname: Surname, given: Sequence[Syllable]) -> tuple[SyntheticName, ...]:
    hangul = "".join(s.hangul for s in given)
    hanzi = "".join(s.hanzi for s in given)
    pinyin = join_pinyin([s.pinyin for s in given])
    return (
        SyntheticName("hangul", surname.hangul, hangul, surname.hangul + hangul),
        SyntheticName("hanzi", surname.hanzi, hanzi, surname.hanzi + hanzi),
        SyntheticName("pinyin", surname.pinyin, pinyin, f"{surname.pinyin} {pinyin}"),
    )


class _Draft:
    """A person before refs are assigned (mutable, internal)."""

    __slots__ = ("given", "nationality", "sex", "surname", "year")

    def __init__(self, sex: str, year: int, surname: Surname, nationality: str) -> None:
        self.sex = sex
        self.year = year
        self.surname = surname
        self.nationality = nationality
        self.given: tuple[Syllable, ...] = ()


class _Generator:
    def __init__(self, seed: int, born_before: int) -> None:
        self.rng = random.Random(seed)
        self.last_year = born_before - 1
        if self.last_year - 2 * MIN_PARENT_GAP < EARLIEST_BIRTH_YEAR:
            raise ValueError(f"born_before={born_before} leaves no room for two generations")
        self.surnames = SURNAMES
        self.surname_cum = list(itertools.accumulate(s.weight for s in SURNAMES))
        self.male = tuple(s for s in GIVEN_SYLLABLES if s.usage in ("M", "U"))
        self.female = tuple(s for s in GIVEN_SYLLABLES if s.usage in ("F", "U"))
        self.female_endings = tuple(s for s in GIVEN_SYLLABLES if s.hanzi in FEMALE_ENDINGS)
        self.female_leads = tuple(s for s in self.female if s.hanzi not in FEMALE_NON_LEADS)
        self.single_male = tuple(s for s in GIVEN_SYLLABLES if s.hanzi in SINGLE_MALE)
        self.single_female = tuple(s for s in GIVEN_SYLLABLES if s.hanzi in SINGLE_FEMALE)

    # -- names ---------------------------------------------------------------

    def surname(self) -> Surname:
        return self.rng.choices(self.surnames, cum_weights=self.surname_cum)[0]

    def given(
        self,
        draft: _Draft,
        taken: set[str],
        generation: tuple[int, Syllable] | None = None,
    ) -> tuple[Syllable, ...]:
        """A given name for ``draft``, not among ``taken`` (Hangul) nor a real figure's."""
        rng = self.rng
        for attempt in range(50):
            use_generation = generation is not None and attempt < 40
            if rng.random() < 0.08:
                single = self.single_male if draft.sex == "M" else self.single_female
                name: tuple[Syllable, ...] = (rng.choice(single),)
            elif use_generation and generation is not None:
                position, shared = generation
                if draft.sex == "M":  # noqa: SIM108 - the comment below explains the nested choice
                    pool = self.male
                else:  # the other syllable leads the name when the shared one ends it
                    pool = self.female_leads if position == 1 else self.female
                other = rng.choice(pool)
                if other.hangul == shared.hangul:
                    continue
                name = (shared, other) if position == 0 else (other, shared)
            elif draft.sex == "M":
                first, second = rng.choice(self.male), rng.choice(self.male)
                if first.hangul == second.hangul:
                    continue
                name = (first, second)
            else:
                first = rng.choice(self.female_leads)
                second = rng.choice(self.female_endings if rng.random() < 0.7 else self.female)
                if first.hangul == second.hangul:
                    continue
                name = (first, second)
            hangul = "".join(s.hangul for s in name)
            if hangul in taken or draft.surname.hangul + hangul in AVOIDED_FULL_NAMES:
                continue
            return name
        raise RuntimeError("could not find a free given name")  # pragma: no cover

    # -- dates ----------------------------------------------------------------

    def birth(self, year: int) -> tuple[int | None, int | None, str]:
        rng = self.rng
        precision = rng.choices(_PRECISIONS, weights=_PRECISION_WEIGHTS)[0]
        if precision == "year":
            return None, None, precision
        month = rng.randint(1, 12)
        if precision == "month":
            return month, None, precision
        return month, rng.randint(1, calendar.monthrange(year, month)[1]), precision

    # -- households ---------------------------------------------------------

    def household(self) -> tuple[list[_Draft], list[tuple[str, int, int]]]:
        """Members of one household and links between them (by member index)."""
        rng = self.rng
        last = self.last_year
        size = rng.choices(range(1, 8), weights=_SIZE_WEIGHTS)[0]
        kp = rng.random() < 0.03
        home_nat = "KP" if kp else "CN"

        def nat() -> str:
            return "KP" if kp or rng.random() < 0.01 else "CN"

        if size == 1:
            sex = "F" if rng.random() < 0.65 else "M"
            year = rng.randint(EARLIEST_BIRTH_YEAR, last - MIN_PARENT_GAP)
            lone = _Draft(sex, year, self.surname(), home_nat)
            lone.given = self.given(lone, set())
            return [lone], []

        grandparent = size >= 4 and rng.random() < 0.2
        widowed = size >= 3 and rng.random() < 0.06
        n_kids = size - 2 - int(grandparent) + int(widowed)

        # Mother's year: leave room for her children and, if any, a grandparent.
        lo = EARLIEST_BIRTH_YEAR + (MIN_PARENT_GAP + 2 if grandparent else 0)
        hi = last - MIN_PARENT_GAP - 2 * max(n_kids - 1, 0)
        hi = max(hi, lo)
        mother_year = round(rng.triangular(lo, hi, hi))
        father_year = mother_year - rng.choice((-3, -2, -1, 0, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10))
        father_year = min(max(father_year, lo), hi)

        family = self.surname()
        father = _Draft("M", father_year, family, home_nat)
        mother = _Draft("F", mother_year, self.surname(), nat())

        members: list[_Draft] = []
        links: list[tuple[str, int, int]] = []
        parents: list[int] = []
        if not widowed:
            members.append(father)
            parents.append(0)
        members.append(mother)
        parents.append(len(members) - 1)
        if not widowed:
            links.append(("spouse", 0, 1))

        # Children: first at the mother's 18-28, then every 1-4 years.
        youngest_parent = max(father_year, mother_year)
        oldest_parent = min(father_year, mother_year)
        year = max(youngest_parent + MIN_PARENT_GAP, mother_year + rng.randint(18, 28))
        limit = min(last, oldest_parent + MAX_PARENT_GAP)
        kids: list[_Draft] = []
        for _ in range(n_kids):
            if year > limit:
                break
            sex = "M" if rng.random() < 0.51 else "F"
            kids.append(_Draft(sex, year, family, home_nat))
            year += rng.choice((1, 2, 2, 2, 3, 3, 4))

        # Names: parents, then children with generation syllables per sex.
        for parent_index in parents:
            members[parent_index].given = self.given(members[parent_index], set())
        taken: set[str] = set()
        generations: dict[str, tuple[int, Syllable] | None] = {}
        for sex, chance in (("M", 0.65), ("F", 0.3)):
            if rng.random() < chance:
                pool = self.male if sex == "M" else self.female_leads
                generations[sex] = (rng.randint(0, 1), rng.choice(pool))
            else:
                generations[sex] = None
        first_kid = len(members)
        for kid in kids:
            kid.given = self.given(kid, taken, generations[kid.sex])
            taken.add("".join(s.hangul for s in kid.given))
            members.append(kid)
        kid_indexes = range(first_kid, len(members))
        for parent_index in parents:
            links.extend(("parent", parent_index, k) for k in kid_indexes)
        links.extend(("sibling", a, b) for a, b in itertools.combinations(kid_indexes, 2))

        if grandparent:
            # A parent of the father (or, rarely, of the mother).
            of_mother = widowed or rng.random() < 0.15
            child_index = parents[-1] if of_mother else 0
            child = members[child_index]
            g_year = child.year - rng.randint(20, 40)
            if g_year >= EARLIEST_BIRTH_YEAR:
                g_sex = "F" if rng.random() < 0.7 else "M"
                g_surname = child.surname if g_sex == "M" else self.surname()
                elder = _Draft(g_sex, g_year, g_surname, nat())
                elder.given = self.given(elder, set())
                members.append(elder)
                links.append(("parent", len(members) - 1, child_index))
        return members, links


def generate_registry(
    *,
    households: dict[str, int],
    seed: int = 1962,
    born_before: int = 1962,
) -> tuple[list[SyntheticPerson], list[SyntheticLink]]:
    """Generate synthetic households for each county code (sorted order).

    ``households`` maps a county code to its number of households.  The output
    depends only on the arguments: the same seed gives the same registry.
    """
    for area, count in households.items():
        if count < 0:
            raise ValueError(f"negative household count for {area!r}")
    gen = _Generator(seed, born_before)
    persons: list[SyntheticPerson] = []
    links: list[SyntheticLink] = []
    household_no = 0
    for area in sorted(households):
        for _ in range(households[area]):
            household_no += 1
            household_ref = f"H{household_no:05d}"
            members, member_links = gen.household()
            refs: list[str] = []
            for draft in members:
                ref = f"P{len(persons) + 1:06d}"
                refs.append(ref)
                month, day, precision = gen.birth(draft.year)
                persons.append(
                    SyntheticPerson(
                        ref=ref,
                        names=_names(draft.surname, draft.given),
                        sex=draft.sex,
                        birth_year=draft.year,
                        birth_month=month,
                        birth_day=day,
                        birth_precision=precision,
                        nationality=draft.nationality,
                        home_area=area,
                        household_ref=household_ref,
                    )
                )
            links.extend(SyntheticLink(kind, refs[a], refs[b]) for kind, a, b in member_links)
    return persons, links
