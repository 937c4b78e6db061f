"""Every word of the register's vocabulary has its translated label, once (reclamo/labels.py)."""

from __future__ import annotations

import pytest
from django.utils import translation

from reclamo import labels
from reclamo.domain import vocabulary

TABLES = [
    (labels.KIND_DESCRIPTIONS, vocabulary.KINDS),
    (labels.KIND_PLURALS, vocabulary.KINDS),
    (labels.KIND_LABELS, vocabulary.KINDS),
    (labels.CATEGORY_LABELS, vocabulary.CATEGORIES),
    (labels.CHANNEL_LABELS, vocabulary.CHANNEL_KINDS),
    (labels.COMPLEXITY_LABELS, vocabulary.COMPLEXITIES),
    (labels.FAULT_LOCATION_LABELS, vocabulary.FAULT_LOCATIONS),
    (labels.FAULT_VALIDITY_LABELS, vocabulary.FAULT_VALIDITIES),
    (labels.FAULT_PLACE_LABELS, vocabulary.FAULT_LOCATIONS),
    (labels.CLOCK_LABELS, vocabulary.CLOCKS),
    (labels.CLOCK_EVENT_LABELS, vocabulary.CLOCK_EVENTS),
    (labels.CASE_STATUS_LABELS, vocabulary.CASE_STATUSES),
    (labels.OUTCOME_LABELS, vocabulary.OUTCOMES),
    (labels.OUTAGE_CAUSE_LABELS, vocabulary.OUTAGE_CAUSES),
    (labels.WARRANTY_STATE_LABELS, vocabulary.WARRANTY_STATES),
]


@pytest.mark.parametrize(("table", "values"), TABLES)
def test_every_value_has_a_label_in_vocabulary_order(table, values):
    assert tuple(table) == values


def test_every_clock_and_milestone_is_explained():
    assert set(labels.CLOCK_EXPLANATIONS) == set(vocabulary.CLOCKS) | set(vocabulary.MILESTONES)


def test_choices_keep_the_vocabulary_order_and_can_be_narrowed():
    assert [value for value, _ in labels.choices(labels.KIND_LABELS)] == list(vocabulary.KINDS)
    narrowed = labels.choices(labels.CHANNEL_LABELS, only=("letter", "web"))
    assert [value for value, _ in narrowed] == ["web", "letter"]


def test_labels_are_translated_lazily_in_the_active_language():
    with translation.override("sk"):
        slovak = str(labels.CHANNEL_LABELS["letter"])
    with translation.override("en"):
        english = str(labels.CHANNEL_LABELS["letter"])
    assert english == "Letter"
    assert slovak not in {"", english}
