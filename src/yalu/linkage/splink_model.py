"""Yalu's Splink model: comparisons and blocking rules on the stored key columns, training, prediction.

The comparisons are plain SQL (equality, IS NULL, abs) on scalar columns, so the same settings — and
the same trained parameters — run on DuckDB and on Spark. See records.py for the columns.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from yalu.linkage.engines import Engine
from yalu.linkage.records import KEY_COLUMNS, SKELETON_COLUMNS

DEFAULT_THRESHOLD = 0.9
TRAIN_MIN_RECORDS = 2000
PRIOR_MATCH = 0.0001
SEED = 1962

Progress = Callable[[str, int], None]
LinkType = Literal["dedupe_only", "link_only", "link_and_dedupe"]


def _any_equal(columns: Sequence[str]) -> str:
    return "(" + " OR ".join(f"{a}_l = {b}_r" for a, b in itertools.product(columns, columns)) + ")"


# (code, SQL condition, default m, default u): the code is what the review queue explains.
NAME_LEVELS = (
    ("name_primary", "k1_l = k1_r", 0.72, 0.0005),
    ("name_reading", _any_equal(KEY_COLUMNS), 0.12, 0.002),
    ("name_skeleton", _any_equal(SKELETON_COLUMNS), 0.05, 0.005),
    ("name_pinyin", "py_l = py_r", 0.10, 0.0001),
    ("family_only", "family_l = family_r", 0.005, 0.0518),
)
BIRTH_LEVELS = (
    ("birth_month", "birth_year_l = birth_year_r AND birth_month_l = birth_month_r", 0.55, 0.0012),
    ("birth_year", "birth_year_l = birth_year_r", 0.40, 0.012),
    ("birth_year_near", "abs(birth_year_l - birth_year_r) <= 1", 0.04, 0.024),
)
SEX_LEVELS = (("sex", "sex_l = sex_r", 0.98, 0.5),)
AREA_LEVELS = (
    ("area", "area_l = area_r", 0.7, 0.05),
    ("prefecture", "prefecture_l = prefecture_r", 0.2, 0.3),
)
COMPARISONS: dict[str, tuple[tuple[str, str, float, float], ...]] = {
    "name": NAME_LEVELS,
    "birth": BIRTH_LEVELS,
    "sex": SEX_LEVELS,
    "area": AREA_LEVELS,
}
ELSE_M = {"name": 0.005, "birth": 0.01, "sex": 0.02, "area": 0.1}
NULL_CONDITION = {
    "name": "(k1_l IS NULL AND py_l IS NULL) OR (k1_r IS NULL AND py_r IS NULL)",
    "birth": "birth_year_l IS NULL OR birth_year_r IS NULL",
    "sex": "sex_l IS NULL OR sex_r IS NULL",
    "area": "area_l IS NULL OR area_r IS NULL",
}


def comparisons(term_frequencies: bool = False) -> list[ComparisonCreator | dict[str, Any]]:
    built: list[ComparisonCreator | dict[str, Any]] = []
    for name, levels in COMPARISONS.items():
        creators: list[Any] = [cll.CustomLevel(NULL_CONDITION[name], "null").configure(is_null_level=True)]
        for code, condition, m, u in levels:
            # only the name's m is learnt by EM; EM on a registry full of namesakes mistakes the
            # others (it took "same county" for no evidence at a million records)
            level = cll.CustomLevel(condition, code).configure(
                m_probability=m, u_probability=u, fix_m_probability=name != "name"
            )
            if term_frequencies and code == "name_primary":  # a rare name agreeing says more than a common one
                level.configure(tf_adjustment_column="k1", tf_adjustment_weight=1.0)
            creators.append(level)
        else_u = max(1e-4, 1 - sum(level[3] for level in levels))
        creators.append(
            cll.ElseLevel().configure(
                m_probability=ELSE_M[name], u_probability=else_u, fix_m_probability=name != "name"
            )
        )
        built.append(cl.CustomComparison(creators, output_column_name=name, comparison_description=name))
    return built


def blocking_rules() -> list[BlockingRuleCreator | dict[str, Any]]:
    return [
        block_on("s1", "birth_year"),
        block_on("k1", "birth_year"),
        block_on("py", "birth_year"),
        block_on("k1", "area"),
        # a name whose second reading is the other record's first (樂: 요, 락, 악)
        {"blocking_rule": "l.k1 = r.k2 AND l.birth_year = r.birth_year"},
        {"blocking_rule": "l.k2 = r.k1 AND l.birth_year = r.birth_year"},
    ]


def model_settings(link_type: LinkType = "dedupe_only", *, term_frequencies: bool = False) -> SettingsCreator:
    """Term frequencies of the name only pay on a registry large enough to train (see TRAIN_MIN_RECORDS)."""
    return SettingsCreator(
        link_type=link_type,
        comparisons=comparisons(term_frequencies),
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=PRIOR_MATCH,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=True,
    )


@dataclass
class Prediction:
    left_id: int
    right_id: int
    match_probability: float
    match_weight: float
    reasons: dict[str, str] = field(default_factory=dict)


def level_weights(model: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """(level code, match weight) of every non-null level of each comparison of a trained model."""
    found: dict[str, list[tuple[str, float]]] = {}
    for comparison in model.get("comparisons", []):
        levels = []
        for level in comparison.get("comparison_levels", []):
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not m or not u:
                continue
            code = level.get("label_for_charts") or "else"
            levels.append(("else" if code == "All other comparisons" else code, math.log2(m / u)))
        found[comparison.get("output_column_name", "")] = levels
    return found


def _level_of(weights: list[tuple[str, float]], weight: float | None) -> str:
    if weight is None or weight == 0 or not weights:
        return "null"
    return min(weights, key=lambda level: abs(level[1] - weight))[0]


def _predictions(linker: Linker, threshold: float) -> list[Prediction]:
    """Pairs above the threshold; each comparison's level is read back from its match weight."""
    frame = linker.inference.predict(threshold_match_probability=threshold, warning_mode="never")
    weights = level_weights(linker.misc.save_model_to_json())
    found = []
    for row in frame.as_record_list():
        if row.get("source_dataset_l") == "registry":  # link_only: keep (incoming, registry) order
            row["unique_id_l"], row["unique_id_r"] = row["unique_id_r"], row["unique_id_l"]
        reasons = {name: _level_of(weights.get(name, []), row.get(f"mw_{name}")) for name in COMPARISONS}
        found.append(
            Prediction(
                left_id=int(row["unique_id_l"]),
                right_id=int(row["unique_id_r"]),
                match_probability=float(row["match_probability"]),
                match_weight=float(row["match_weight"]),
                reasons=reasons,
            )
        )
    frame.drop_table_from_database_and_remove_from_cache()
    return found


def train(linker: Linker, record_count: int, progress: Progress) -> str:
    """Estimate u by random sampling and m by EM; on a registry too small to train, keep the defaults."""
    if record_count < TRAIN_MIN_RECORDS:
        return "defaults"
    progress("estimating how many pairs are the same person", 10)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("k1", "birth_year", "sex"), block_on("py", "birth_year", "sex")], recall=0.7
    )
    progress("estimating u by random sampling", 20)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=SEED)
    progress("estimating m of the name by expectation maximisation", 40)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_year", "birth_month", "sex", "area"),
        estimate_without_term_frequencies=True,
        max_pairs=2e6,
    )
    return "trained"


@dataclass
class LinkageResult:
    model: dict[str, Any]
    training: str
    predictions: list[Prediction]


def _quiet() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)


def dedupe(
    engine: Engine, rows: list[dict[str, Any]], *, threshold: float = DEFAULT_THRESHOLD, progress: Progress
) -> LinkageResult:
    """Train on `rows` (one per person) and return the pairs above `threshold` with the trained model."""
    _quiet()
    registry = engine.register(rows, "registry")
    settings = model_settings(term_frequencies=len(rows) >= TRAIN_MIN_RECORDS)
    linker = Linker(registry, settings, log_level=None)
    training = train(linker, len(rows), progress)
    progress("predicting", 65)
    predictions = _predictions(linker, threshold)
    return LinkageResult(linker.misc.save_model_to_json(), training, predictions)


def link(
    engine: Engine,
    incoming: list[dict[str, Any]],
    registry_rows: list[dict[str, Any]],
    *,
    model: dict[str, Any] | None,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress,
) -> LinkageResult:
    """Pairs (incoming id, registry id) above `threshold`, scored with `model` (or the default parameters)."""
    _quiet()
    incoming_frame = engine.register(incoming, "incoming")
    registry = engine.register(registry_rows, "registry")
    if model is None:
        settings: SettingsCreator | dict[str, Any] = model_settings("link_only")
    else:
        settings = dict(model, link_type="link_only")
    linker = Linker([incoming_frame, registry], settings, log_level=None)
    progress("predicting", 50)
    predictions = _predictions(linker, threshold)
    return LinkageResult(linker.misc.save_model_to_json(), "stored" if model else "defaults", predictions)
