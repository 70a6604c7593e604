"""Readings of a name: the family name and the given-name syllables it may stand for.

A reading is a lattice: a set of canonical family names and, per given-name syllable, a set of
canonical syllables. Canonical means the South Korean form at the start of each word (the
initial-sound law applied to the family name and the first given syllable: 리→이, 래→내).
"""

from __future__ import annotations

from dataclasses import dataclass

from .hangul import south_initial


@dataclass(frozen=True)
class Reading:
    family: frozenset[str]
    given: tuple[frozenset[str], ...]
    system: str

    def candidate_count(self) -> int:
        count = len(self.family)
        for syllables in self.given:
            count *= len(syllables)
        return count


def canonical_family(family: str) -> str:
    return south_initial(family[0]) + family[1:] if family else family


def canonical_given(syllables: tuple[str, ...]) -> tuple[str, ...]:
    if not syllables:
        return syllables
    return (south_initial(syllables[0]), *syllables[1:])


def make_reading(
    families: set[str] | frozenset[str], given: list[set[str]] | list[frozenset[str]], system: str
) -> Reading:
    family_set = frozenset(canonical_family(family) for family in families)
    given_sets = tuple(
        frozenset(south_initial(syllable) for syllable in options) if index == 0 else frozenset(options)
        for index, options in enumerate(given)
    )
    return Reading(family_set, given_sets, system)
