"""The base English pipeline: sentence boundaries + named entities.

``load_base(settings) -> Language`` is the one public verb. It picks the statistical pipeline

* ``settings.annotate.spacy_model == "auto"``: an installed, compatible official pipeline
  (``en_core_web_trf`` > ``lg`` > ``md`` > ``sm``), else our own trained pipeline in
  ``<settings.paths.models>/nlp`` (``models/nlp`` of this repository as a fallback), else a
  blank English pipeline (rules only; a warning says how to get the model);
* a package name (``en_core_web_sm``) or a directory: that pipeline, or :class:`ModelError`;
* ``"blank"``: rules only (tests, debugging);

and always adds our rule layer (data in ``data/gazetteers/``, built by
``training/build_gazetteer.py``):

=================  =====================  ==============================================
component          where                  what
=================  =====================  ==============================================
``gazetteer_ruler``  first (before NER)   MITRE ATT&CK groups → THREAT_ACTOR, software →
                                           MALWARE (``ent_id_`` ``mitre:G0096``), curated
                                           agencies / security firms / vendors / media /
                                           companies → ORG (``ent_id_`` is the hint)
``sentencizer``    if nothing else sets    sentence boundaries (``doc.sents`` always works)
                   them
``ner``            statistical             PERSON, ORG, GPE, LOC (+ NORP, … if official)
``company_ruler``  after ``ner``           well-known tech companies/platforms (project
                                           list): fill gaps, relabel a model entity of
                                           exactly that text, never cut a longer one
``org_rules``      after ``company_ruler`` CVE ids → CVE; organisation shapes → ORG
                                           ("Acme Ltd", "Kettering Health", "University of
                                           X", "Marks & Spencer", industry words:
                                           "Tessaly Payments", "X Dairy Co-operative");
                                           "&" takes in the model ORGs it joins
                                           ("Wexcombe Golf & Country Club"); see
                                           rule_ents_filter
``person_rules``   after ``org_rules``     label fixes: a first name + capitalised name read
                                           as ORG/GPE/LOC, or a name after a role noun
                                           ("analyst Sanne Verhoeven") → PERSON; a surname
                                           of a person named earlier → PERSON; a PERSON
                                           ending in an organisation word → ORG; titles
                                           out of names, "Jr." and hyphenated parts in;
                                           first name + founder brand ("Eugene
                                           Kaspersky") → PERSON; "Ray's Pizza" → ORG; a
                                           PERSON its context calls a company ("security
                                           firm Versprite", "X, a software company") → ORG;
                                           an unfound one-word name with a company
                                           appositive, "said … its …" or "has released a
                                           fix" → ORG in every mention; the subject of
                                           an attack on it ("X has been hit by a cyber
                                           attack", "X says it was targeted") → ORG;
                                           "Minterra" of "Minterra Health" → ORG; an
                                           unfound name after a company noun ("insurer
                                           Tasman Mutual") → ORG; "Jean Marine"
                                           (rule:industry_head) → PERSON; names with an
                                           inner capital ("McGillivray", "O'Rourke",
                                           "DeWitt"), ", who" after a name, a given name
                                           before a one-word PERSON ("Councillor Fenella"
                                           + "LaRue"), double-barrelled surnames
``place_rules``    after ``person_rules``  GPE vs LOC by a place gazetteer (GeoNames +
                                           ISO 3166); a model ORG naming a country/state →
                                           GPE; geographic heads → LOC, organisation words
                                           → ORG; "Denver's Regis University" split; "US
                                           Congress" one ORG; span edges (punctuation,
                                           "US army" → "US"); former states ("Kingdom of
                                           X", "German Empire") → GPE; a PERSON ending in
                                           a building word ("… Theatre") → LOC
``acronym_rules``  after ``place_rules``   "<long form> (ACR)": a lower-case definition
                                           ("multi-factor authentication (MFA)") → no
                                           entity; an ORG definition → every ACR is ORG
``gap_ruler``      after ``ner``           NORP demonyms — only
                                           where no entity was found
``entity_labels``  last                    keeps PERSON ORG GPE LOC NORP THREAT_ACTOR
                                           MALWARE CVE; maps official-pipeline labels;
                                           attack nouns alone ("Ransomware") → no entity;
                                           "<place> city council" → one ORG; "the city of
                                           X" PERSON → GPE; "ABTA Members" → "ABTA";
                                           "Children's Hospital X", "Save the Children
                                           Foundation", "St Bride's Church" whole;
                                           entity_spans: "640,000" no entity, "… School"
                                           + "Board", "Department for Science,
                                           Innovation and Technology", "Targowisko.pl",
                                           "NoName057(16)" whole, "Telco X" → "X",
                                           "Hôpital X" → ORG, "Saint-Aubin-des-Prés"
=================  =====================  ==============================================

The gazetteer runs before the NER with ``overwrite_ents=False``: its spans are fixed and the
model fills in around them. The organisation shapes run after the NER and replace a model
entity only when the rule span is at least as long (:func:`rule_ents_filter`).

This module loads the pipeline and assembles the rule layer (:func:`add_rules`); each
component lives in a module of its own:

=====================  ==============================================================
module                 contents
=====================  ==============================================================
``entity_data``        the gazetteer files: ``load_patterns``, ``load_person_data``,
                       ``load_org_heads``, ``place_names``
``entity_rulers``      ``incident_gazetteer`` (``Gazetteer``), ``incident_span_ruler``
                       (``AnchoredSpanRuler``), ``rule_ents_filter``
``entity_persons``     ``person_rules`` (``PersonRules``): person names and their edges
``entity_companies``   the organisation side of ``person_rules``: ``company_names``,
                       ``list_orgs``
``entity_places``      ``place_rules`` (``PlaceRules``)
``entity_acronyms``    ``acronym_rules`` (``AcronymRules``)
``entity_labels``      ``entity_labels`` (``EntityLabels``) and the label set ``LABELS``
``entity_spans``       the span fixes ``entity_labels`` runs last (numbers, organisation
                       tails and lists, domain names, "NoName057(16)", a sentence-opening
                       company noun, heads of other languages, hyphenated French places)
                       and ``abbreviation_sents`` (no sentence end after "Lt.")
``entity_words``       word lists and word shapes the rule modules share
=====================  ==============================================================
"""
from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline import errors
from pipeline.nlp import features  # noqa: F401  (registers "brown_feats" for spacy.load)

# importing the component modules registers their factories ("person_rules", …)
from . import entity_acronyms, entity_labels, entity_persons, entity_rulers  # noqa: F401
from .entity_data import (GAZETTEER_DIR, REPO_DIR, load_org_heads, load_patterns,
                          load_person_data, place_names)
from .entity_places import LOC_HEADS
from .entity_spans import abbreviation_sents  # noqa: F401  (registers the component)

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIR = REPO_DIR / "models" / "nlp"
OFFICIAL_PIPELINES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")


def add_rules(nlp: Language, gazetteer_dir: Path = GAZETTEER_DIR) -> Language:
    """Add sentence boundaries (if missing), the three rulers and the label filter in place."""
    names = set(nlp.pipe_names)
    has_sents = any(n in names for n in ("parser", "senter", "sentencizer")) and not (
        "senter" in nlp.disabled and "parser" not in names)
    if not has_sents:
        nlp.add_pipe("sentencizer", first=True)
        # "spokesperson Lt. Benoit Richer said": no sentence end after an abbreviated title
        nlp.add_pipe("abbreviation_sents", after="sentencizer")
    # first: the NER keeps preset entities and fills in around them
    gaz = nlp.add_pipe("incident_gazetteer", name="gazetteer_ruler", first=True)
    gaz.add_patterns(load_patterns("gazetteer_ruler", gazetteer_dir))
    # after the NER: well-known company names fill gaps and relabel a model entity of exactly
    # their text ("Lenovo" PERSON -> ORG), never cutting a longer model span ("Sony Centre")
    company = nlp.add_pipe("incident_gazetteer", name="company_ruler",
                           after="ner" if "ner" in names else "gazetteer_ruler")
    company.relabel_exact = True
    company.add_patterns(load_patterns("company_ruler", gazetteer_dir))
    org = nlp.add_pipe("incident_span_ruler", name="org_rules", after="company_ruler", config={
                           "annotate_ents": True, "spans_key": None, "overwrite": False,
                           "ents_filter": {"@misc": "incident_rule_ents_filter.v1"}})
    org.add_patterns(load_patterns("org_rules", gazetteer_dir))
    person = nlp.add_pipe("person_rules", after="org_rules")
    person.add_data(load_person_data(gazetteer_dir))
    person.add_org_heads(load_org_heads(gazetteer_dir))
    places = nlp.add_pipe("place_rules", after="person_rules")
    places.add_data(*place_names(gazetteer_dir))
    places.person_loc_heads = frozenset(
        h for h in LOC_HEADS | {"Theater"}
        if h not in person.surnames and h not in person.first_names)
    places.person_first = person.first_names
    nlp.add_pipe("acronym_rules", after="place_rules")
    gap = nlp.add_pipe("incident_gazetteer", name="gap_ruler", last=True)
    gap.add_patterns(load_patterns("gap_ruler", gazetteer_dir))
    labels = nlp.add_pipe("entity_labels", last=True)
    labels.add_foreign_heads(load_org_heads(gazetteer_dir))
    return nlp


def _official_ok(name: str) -> bool:
    if not spacy.util.is_package(name):
        return False
    try:
        meta = spacy.util.load_meta(spacy.util.get_package_path(name) / "meta.json")
    except Exception:  # noqa: BLE001 - a broken install is simply not a candidate
        return False
    spec = meta.get("spacy_version", "")
    if spec and not spacy.util.is_compatible_version(spacy.__version__, spec):
        return False
    if name.endswith("_trf"):
        try:
            import spacy_curated_transformers  # noqa: F401
        except ImportError:
            return False
    return True


def _load_official(name: str) -> Language:
    # the NER listens to its own tok2vec/transformer; lemmatizer is not needed, parser gives
    # sentence boundaries and dependencies for the quote stage
    return spacy.load(name, exclude=["lemmatizer"])


def _load_dir(path: Path) -> Language:
    try:
        return spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise errors.ModelError(f"cannot load the spaCy pipeline in {path}: {exc}. Retrain it "
                                "with `make train-nlp` or restore models/nlp from git") from None


def resolve_model(settings) -> str:
    """What ``load_base`` will load: an official package name, a directory, or ``"blank"``."""
    wanted = (settings.annotate.spacy_model or "auto").strip()
    if wanted == "auto":
        for name in OFFICIAL_PIPELINES:
            if _official_ok(name):
                return name
        for cand in (Path(settings.paths.models) / "nlp", DEFAULT_MODEL_DIR):
            if (cand / "config.cfg").exists():
                return str(cand)
        return "blank"
    if wanted == "blank":
        return wanted
    path = Path(wanted)
    if path.exists() or "/" in wanted or wanted.startswith("."):
        if not (path / "config.cfg").exists():
            raise errors.ModelError(f"spacy_model {wanted!r}: no spaCy pipeline (config.cfg) in "
                                    "that directory; give a trained pipeline directory, an "
                                    "installed package name, or 'auto'")
        return str(path)
    if not spacy.util.is_package(wanted):
        raise errors.ModelError(
            f"spacy_model {wanted!r} is not an installed package. Install the official wheel "
            "from a file you obtained and verified (never `pip install` a model name from an "
            "index: those are squats), or use 'auto' to fall back to the shipped models/nlp")
    if not _official_ok(wanted):
        raise errors.ModelError(f"spacy_model {wanted!r} is installed but not compatible with "
                                f"spaCy {spacy.__version__} (or needs spacy-curated-transformers)"
                                "; install a matching version or use 'auto'")
    return wanted


def load_base(settings) -> Language:
    """Sentence boundaries + entities (PERSON ORG GPE LOC NORP THREAT_ACTOR MALWARE CVE).

    Returns a new pipeline on every call (callers add components to it); the pattern files
    are read once per process.
    """
    target = resolve_model(settings)
    if target == "blank":
        if (settings.annotate.spacy_model or "auto").strip() == "auto":
            log.warning("no trained NER model found (models/nlp) and no official pipeline "
                        "installed: using rules only. Run `make train-nlp` or restore models/nlp")
        nlp = spacy.blank("en")
        nlp.meta["name"] = "blank_rules"
    elif Path(target).exists():
        nlp = _load_dir(Path(target))
    else:
        nlp = _load_official(target)
    return add_rules(nlp)


def model_version(nlp: Language) -> str:
    """``lang_name-version`` of the statistical pipeline, for provenance in records."""
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'pipeline')}-" \
           f"{nlp.meta.get('version', '0.0.0')}"


__all__ = ["DEFAULT_MODEL_DIR", "OFFICIAL_PIPELINES", "add_rules", "load_base", "model_version",
           "resolve_model"]
