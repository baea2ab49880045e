"""Fixtures shared by the rule-component tests of pipeline.nlp (module-scoped: a test module
that adds data to the component, e.g. ``add_org_heads``, never leaks it into another)."""
from __future__ import annotations

from typing import Any, NamedTuple

import pytest
import spacy

from pipeline.nlp import entity_persons  # noqa: F401  (registers the "person_rules" factory)
from pipeline.nlp.entity_data import load_person_data


class PersonRulesPipe(NamedTuple):
    """A blank English pipeline (sentencizer, person_rules) and its person_rules component."""
    nlp: Any
    rules: Any


@pytest.fixture(scope="module")
def person_rules() -> PersonRulesPipe:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    rules = nlp.add_pipe("person_rules")
    rules.add_data(load_person_data())
    return PersonRulesPipe(nlp, rules)
