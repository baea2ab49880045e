"""The ``incident_orgs`` component: the organisations of an article, their roles, the victims.

Reads ``doc.ents`` (ORG, GPE, LOC, PERSON, NORP and the gazetteer labels THREAT_ACTOR, MALWARE,
CVE; ``ent.ent_id_`` may hint "agency" / "vendor" / "security_firm" / "media") and writes

``doc._.organisations``  ``list[Organisation]``: one record per real organisation with every
                         surface form it takes (acronyms defined in the text, legal suffixes,
                         possessives, short forms, acronyms by initials), its stable ``key`` and
                         its ``role`` (victim | attacker | vendor | authority | security_firm |
                         other);
``doc._.threat_actors``  ``list[str]``  named attackers as written, in order of appearance
                         (THREAT_ACTOR entities, attacker organisations, "the X hacking group",
                         "also known as X", people charged over the attack);
``doc._.malware``        ``list[str]``  malware names as written (MALWARE entities, "a malware
                         known as X", "the X ransomware", detection names);
``doc._.cves``           ``list[str]``  CVE ids as written (entities and a regex), deduplicated.

The work is done in four steps:

1. ``find_candidates`` (:mod:`pipeline.nlp.org_candidates`): organisation mentions from the
   entities, from the role gazetteer (``data/gazetteers/org_roles.json``) and, so that NER
   misses do not lose a victim, from token rules (capitalised sequences with an organisation
   head such as "Bank" or "Ltd", acronyms defined in parentheses, "payday lender X", "an
   attack on X", "X's network", "researchers at X", short forms of longer names).
2. ``cluster_mentions`` (:mod:`pipeline.nlp.org_clusters`): one cluster per organisation
   (``org_key`` equality, "Name (ACR)", acronym by initials, short forms that are a prefix of
   a longer name, gazetteer aliases).
3. ``assign_roles`` (:mod:`pipeline.nlp.org_roles`): role evidence from the gazetteer, the
   name ("Police", "Labs") and the sentence around every mention ("researchers at X", "a
   flaw in X's software", "told X").
4. ``pick_victims`` (:mod:`pipeline.nlp.victims`): a score per organisation from attack
   contexts ("X was hit by", "attack on X", "X's systems"), the headline, first-sentence
   prominence and frequency, minus the evidence for the other roles; organisations above a
   threshold (and close to the best one) are the victims. A vendor whose own systems the
   text says were broken into ("an attacker had gained access to part of its build
   environment") is a victim, not a vendor.

Then ``find_threats`` (:mod:`pipeline.nlp.org_threats`) lists the threat actors and malware,
and this module turns the clusters it keeps (:mod:`pipeline.nlp.org_places`: no places or
peoples) into ``Organisation`` records. Names and the role gazetteer are in
:mod:`pipeline.nlp.org_names`, word lists and context patterns in
:mod:`pipeline.nlp.org_lexicon`.

Articles in other languages (``doc._.language`` de, fr, it, es, nl) use the cue files
``data/gazetteers/org_cues_<lang>.json`` (head words such as "Stadtwerke" or "Cooperativa",
legal forms, descriptors such as "der Sicherheitsfirma X", victim cues such as "sind Opfer
eines Cyberangriffs" or "a été victime d'une cyberattaque", acronyms defined in parentheses)
instead of the English capitalised-run rules, and keep the English NER's organisations only
when they look like organisations in that language. People named after a speech verb or a job
title ("explains analyst Sanne Verhoeven") are never organisations.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.org_candidates import find_candidates
from pipeline.nlp.org_clusters import Cluster, cluster_mentions, used_as_person
from pipeline.nlp.org_doc import clear_doc_cache, doc_ents
from pipeline.nlp.org_lexicon import load_language_cues
from pipeline.nlp.org_names import clean_surface, org_key, RoleGazetteer
from pipeline.nlp.org_places import _keep
from pipeline.nlp.org_roles import assign_roles
from pipeline.nlp.org_threats import find_threats, _unique
from pipeline.nlp.victims import pick_victims
from pipeline.records import Mention, Organisation
from pipeline.regex_prefix import fast


ROLES = ("victim", "attacker", "vendor", "authority", "security_firm", "other")
DEFAULT_ROLES_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteers" / "org_roles.json"
ROLES_FILENAME = "org_roles.json"
DEFAULT_CUES_DIR = DEFAULT_ROLES_PATH.parent   # org_cues_<lang>.json
RULES_VERSION = "rules1"


_CVE = fast(re.compile(r"\bCVE-\d{4}-\d{4,7}\b", re.I))


class IncidentOrgs:
    """Pipeline component; see the module docstring."""

    def __init__(self, nlp: Language, name: str, *, roles_path: str, find_candidates: bool,
                 victim_threshold: float, victim_ratio: float, max_victims: int,
                 use_title: bool, cues_dir: str = "", surname_persons: bool = False) -> None:
        self.name = name
        self.surname_persons = surname_persons
        self.find_candidates = find_candidates
        self.victim_threshold = victim_threshold
        self.victim_ratio = victim_ratio
        self.max_victims = max_victims
        self.use_title = use_title
        self.roles_path = Path(roles_path) if roles_path else DEFAULT_ROLES_PATH
        self.gazetteer = RoleGazetteer.from_path(self.roles_path)
        self.cues_dir = Path(cues_dir) if cues_dir else DEFAULT_CUES_DIR
        self.cues = load_language_cues(self.cues_dir)

    def __call__(self, doc: Doc) -> Doc:
        try:
            title = doc._.title if self.use_title else None
            lang = (getattr(doc._, "language", None) or "en").lower()[:2]
            cues = self.cues.get(lang) if lang != "en" else None
            cands = find_candidates(doc, self.gazetteer, self.find_candidates, cues)
            clusters = cluster_mentions(cands, self.gazetteer, doc_text(doc))
            if cues is None and self.surname_persons:
                clusters = [cl for cl in clusters
                            if not used_as_person(doc, cl, self.gazetteer)]
            assign_roles(doc, clusters, self.gazetteer, cues)
            pick_victims(doc, clusters, title, self.victim_threshold, self.victim_ratio,
                         self.max_victims, cues)
            doc._.organisations = [self._record(doc, cl) for cl in clusters if _keep(cl)]
            doc._.threat_actors, doc._.malware = find_threats(doc, clusters, self.gazetteer,
                                                              self.find_candidates)
            cves = [e.text for e in doc_ents(doc) if e.label_ == "CVE"]
            cves += [m.group(0) for m in _CVE.finditer(doc_text(doc))]
            doc._.cves = _unique(c.upper() for c in cves)
        finally:
            clear_doc_cache(doc)   # (also when a rule raised: no Span caches left behind)
        return doc

    @staticmethod
    def _record(doc: Doc, cl: Cluster) -> Organisation:
        name = clean_surface(cl.name)
        key = org_key(name)
        aliases = [f for f in _unique(clean_surface(f) for f in cl.forms)
                   if f.casefold() != name.casefold()]
        mentions = tuple(
            Mention(text=doc_text(doc)[m.start:m.end], label=m.label, start_char=m.start,
                    end_char=m.end, norm=key)
            for m in sorted(cl.mentions, key=lambda m: m.start))
        return Organisation(name=name, key=key, role=cl.role, aliases=tuple(aliases),
                            mentions=mentions)

    # serialisation: the gazetteer travels with a saved pipeline (no data in config)
    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / ROLES_FILENAME).write_text(self.roles_path.read_text(encoding="utf-8"),
                                           encoding="utf-8")
        for cue_file in sorted(self.cues_dir.glob("org_cues_*.json")):
            (path / cue_file.name).write_text(cue_file.read_text(encoding="utf-8"),
                                              encoding="utf-8")

    def from_disk(self, path, *, exclude=tuple()) -> "IncidentOrgs":
        file = Path(path) / ROLES_FILENAME
        if file.exists():
            self.roles_path = file
            self.gazetteer = RoleGazetteer.from_path(file)
        if any(Path(path).glob("org_cues_*.json")):
            self.cues_dir = Path(path)
            self.cues = load_language_cues(self.cues_dir)
        return self

    @property
    def version(self) -> str:
        """Rules version + digest of the role gazetteer, for ``model_version`` provenance."""
        h = hashlib.sha256(self.roles_path.read_bytes())
        for cue_file in sorted(self.cues_dir.glob("org_cues_*.json")):
            h.update(cue_file.read_bytes())
        digest = h.hexdigest()[:8]
        return f"{RULES_VERSION}-{digest}"


@Language.factory(
    "incident_orgs",
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.organisations", "doc._.threat_actors", "doc._.malware", "doc._.cves"],
    default_config={
        "roles_path": "",
        "find_candidates": True,
        "victim_threshold": 2.5,
        "victim_ratio": 0.5,
        "max_victims": 12,
        "use_title": True,
        "cues_dir": "",
        "surname_persons": False,
    },
)
def make_incident_orgs(nlp: Language, name: str, roles_path: str, find_candidates: bool,
                       victim_threshold: float, victim_ratio: float, max_victims: int,
                       use_title: bool, cues_dir: str = "",
                       surname_persons: bool = False) -> IncidentOrgs:
    """``roles_path``: role gazetteer JSON ("" = the shipped data/gazetteers/org_roles.json);
    ``find_candidates``: also find organisations the NER missed with token rules;
    ``victim_threshold`` / ``victim_ratio``: minimum victim score, and minimum share of the best
    score for further victims; ``max_victims``: cap per article; ``use_title``: use
    ``doc._.title`` as evidence (names only in the title are never listed); ``cues_dir``:
    folder of the language cue files ``org_cues_<lang>.json`` ("" = data/gazetteers), used
    for articles whose ``doc._.language`` is not English; ``surname_persons``: drop a
    one-word "organisation" the text uses as a person (it speaks and "he"/"she" refers to it:
    "according to Diachenko. He said ...", see :func:`used_as_person`). Off by default:
    quoted_experts then resolves "He said" to that person correctly, but types a person with
    no affiliation as "other", which costs one expert quote's speaker type on the dev set."""
    register_extensions()
    return IncidentOrgs(nlp, name, roles_path=roles_path, find_candidates=find_candidates,
                        victim_threshold=victim_threshold, victim_ratio=victim_ratio,
                        max_victims=max_victims, use_title=use_title, cues_dir=cues_dir,
                        surname_persons=surname_persons)


__all__ = ["IncidentOrgs", "RoleGazetteer", "make_incident_orgs", "org_key", "clean_surface",
           "find_candidates", "cluster_mentions", "assign_roles", "pick_victims"]
