"""compare(a, b): do two names, in any scripts, stand for the same person?"""

from __future__ import annotations

from dataclasses import dataclass, field

from .keys import readings_of
from .readings import Reading
from .script import normalize

# Calibrated on half of names-dev.tsv (bench/names_eval.py --calibrate); see the report there.
SAME_PERSON_THRESHOLD = 0.9
FAMILY_WEIGHT = 0.3


@dataclass
class Comparison:
    score: float
    same_person: bool
    reasons: list[str] = field(default_factory=list)


def _pair_score(left: Reading, right: Reading) -> tuple[float, list[str]]:
    family_common = left.family & right.family
    reasons = []
    if family_common:
        reasons.append(f"family name agrees: {min(family_common)}")
    else:
        reasons.append("family names differ")
    length = max(len(left.given), len(right.given))
    if length == 0:
        return FAMILY_WEIGHT * bool(family_common) + (1 - FAMILY_WEIGHT), reasons
    if len(left.given) != len(right.given):
        reasons.append(f"given names have {len(left.given)} and {len(right.given)} syllables")
        matched = sum(
            bool(a & b) for a, b in zip(left.given, right.given, strict=False)
        )
        given_score = 0.6 * matched / length
    else:
        agreeing = [bool(a & b) for a, b in zip(left.given, right.given, strict=True)]
        given_score = sum(agreeing) / length
        differing = [str(index + 1) for index, same in enumerate(agreeing) if not same]
        if differing:
            reasons.append("given-name syllable " + ", ".join(differing) + " differs")
        else:
            agreed = "".join(min(options & other) for options, other in zip(left.given, right.given, strict=True))
            reasons.append(f"given name agrees: {agreed}")
    score = FAMILY_WEIGHT * bool(family_common) + (1 - FAMILY_WEIGHT) * given_score
    return score, reasons


def compare(a: str, b: str) -> Comparison:
    """Score 0–1 that a and b name the same person, the decision, and why."""
    left_script, left = readings_of(normalize(a))
    right_script, right = readings_of(normalize(b))
    best_score, best_reasons = 0.0, ["no reading of either name"]
    for left_reading in left:
        for right_reading in right:
            score, reasons = _pair_score(left_reading, right_reading)
            if score > best_score:
                best_score = score
                best_reasons = [*reasons, f"read as {left_reading.system} / {right_reading.system}"]
    if not left or not right:
        best_reasons = [f"no reading of {a!r}" if not left else f"no reading of {b!r}"]
    best_score = round(best_score, 4)
    return Comparison(best_score, best_score >= SAME_PERSON_THRESHOLD, best_reasons)
