"""Threat actors and malware of ``incident_orgs``: ``doc._.threat_actors`` and ``doc._.malware``.

``find_threats(doc, clusters, gazetteer)`` lists named attackers and malware as written, in
order of appearance: THREAT_ACTOR / MALWARE entities, the attacker organisations, and names in
patterns ("a malware known as EMOTET", "the 'WannaCrypt' ransomware", "the FIN7 hacking
group", "also known as Fancy Bear", people charged over the attack). ``_actor_candidates`` adds
the named groups as organisation candidates (see :mod:`pipeline.nlp.org_candidates`).
"""
from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_clusters import Cluster
from pipeline.nlp.org_doc import (
    Candidate, doc_ents, doc_tokens, pattern_matches, sentence_at, sentence_bounds, _trimmed_runs,
)
from pipeline.nlp.org_lexicon import ACRONYM_STOP, GEO_NAMES, NOT_NAMES, SELF_NAMED_GROUP
from pipeline.nlp.org_names import clean_surface, _NATIONAL, org_key, RoleGazetteer
from pipeline.nlp.org_persons import person_names, _person_shaped
from pipeline.regex_prefix import fast


# ----------------------------------------------------------------------------- name patterns
_NAME = r"[\"'\u2018\u201c]?([A-Z][\w.-]*(?:[ _][A-Z0-9][\w.-]*){0,2})[\"'\u2019\u201d]?"
_CALLED = (r"(?:called|known as|dubbed|named|nicknamed|aka|a\.k\.a\.|(?:that |which |who )?"
           r"(?:calling|calls|called) (?:itself|themselves)|going by(?: the name)?)")
_MALWARE_NOUN = (r"(?:malware|ransomware|virus|trojan|worm|botnet|backdoor|wiper|spyware|"
                 r"loader|dropper|stealer|keylogger|rootkit|exploit kit|RAT|strain|variant)")
_ACTOR_NOUN = (r"(?:hacking|hacker|hackers|cybercrime|cyber-crime|cybercriminal|criminal|"
               r"espionage|cyber-espionage|APT|threat|state-sponsored|ransomware|extortion)\s+"
               r"(?:group|gang|crew|collective|outfit|actor|syndicate|ring)")
MALWARE_PATTERNS = [
    re.compile(rf"\b{_MALWARE_NOUN}\s*,?\s+{_CALLED}\s+{_NAME}(?:\s+or\s+{_NAME})?"),
    re.compile(rf"(?<![\w-]){_NAME}\s+(?:{_MALWARE_NOUN})\b"),
    re.compile(r"\b((?:Ransom|Troj|TROJ|RANSOM|Trojan|Backdoor|BKDR|Worm|WORM)[_:/.][\w./:-]+\w)"),
]
ACTOR_PATTERNS = [
    re.compile(rf"\b{_ACTOR_NOUN}s?\s*,?\s+{_CALLED}\s+{_NAME}"),
    re.compile(rf"(?<![\w-]){_NAME}\s+{_ACTOR_NOUN}\b"),
    re.compile(r"\b((?:APT|FIN|TA|UNC) ?\d{1,4})\b"),
    SELF_NAMED_GROUP,  # "the attack was claimed by a group calling itself Tidecall"
]
_ALSO_KNOWN = re.compile(rf"\b(?:also known as|aka|a\.k\.a\.|dubbed)\s+{_NAME}"
                         rf"(?:\s*,?\s+(?:or|and)\s+{_NAME})?")
_CHARGED = re.compile(
    r"\b(?:charged|arrested|indicted|extradited|convicted|sentenced|accused[^,.;]{0,60},)\s*$|"
    r"^\s*(?:,\s+\d{2},|(?:,[^,]{0,40},\s+)?(?:was|has been|had been|were)\s+(?:charged|"
    r"arrested|indicted|extradited|convicted|sentenced)|pleaded guilty)", re.I)
_NOT_MALWARE = frozenset("""the a an this that new its their our his her android windows
mobile crypto bitcoin global massive major latest""".split())


def _name_ok(name: str, blocked_keys: set[str]) -> bool:
    words = org_key(name).split()
    return bool(words) and not (words[0] in NOT_NAMES or words[0] in _NOT_MALWARE or
                                all(w in GEO_NAMES or w in _NATIONAL for w in words) or
                                org_key(name) in blocked_keys or org_key(name) in ACRONYM_STOP)


def _actor_candidates(doc: Doc, gazetteer: RoleGazetteer) -> list[Candidate]:
    """Named threat groups found by patterns ("the FIN7 hacking group", "APT 28"): they are
    organisations with role "attacker"."""
    blocked = gazetteer.non_attacker_keys | {
        org_key(e.text) for e in doc_ents(doc) if e.label_ in {"NORP", "GPE", "PERSON"}}
    out = []
    for pat in ACTOR_PATTERNS:
        for m in pattern_matches(doc, pat):
            name = m.group(1) and clean_surface(m.group(1))
            if name and _name_ok(name, blocked):
                start = m.start(1) + m.group(1).find(name)
                out.append(Candidate(start, start + len(name), name, "THREAT_ACTOR", "",
                                     "rule:actor"))
    return out


# the name patterns that begin with literal words run only where those words occur (the
# same matches, found without trying the pattern at every character)
_ALSO_KNOWN = fast(_ALSO_KNOWN)
MALWARE_PATTERNS = [fast(p) for p in MALWARE_PATTERNS]
ACTOR_PATTERNS = [fast(p) for p in ACTOR_PATTERNS]


# ----------------------------------------------------------------------------- actors, malware
def find_threats(doc: Doc, clusters: list[Cluster], gazetteer: RoleGazetteer,
                 use_rules: bool = True) -> tuple[list[str], list[str]]:
    """Threat actors and malware as written, in order of appearance: THREAT_ACTOR / MALWARE
    entities, the mentions of attacker organisations, and (``use_rules``) names in patterns
    ("a malware known as EMOTET", "the 'WannaCrypt' ransomware", "the FIN7 hacking group",
    "also known as Fancy Bear or APT 28", "Evaldas Rimasauskas, 48, ... was charged")."""
    actors = [(e.start_char, e.text) for e in doc_ents(doc) if e.label_ == "THREAT_ACTOR"]
    actors += [(m.start, m.text) for cl in clusters if cl.role == "attacker" for m in cl.mentions]
    malware = [(e.start_char, e.text) for e in doc_ents(doc) if e.label_ == "MALWARE"]
    if use_rules:
        text = doc_text(doc)
        orgs = {k for cl in clusters if cl.role != "attacker" for k in cl.keys}
        norp = {org_key(e.text) for e in doc_ents(doc) if e.label_ in {"NORP", "GPE", "PERSON"}}
        blocked = orgs | norp | gazetteer.product_keys
        for pat in MALWARE_PATTERNS:
            for m in pattern_matches(doc, pat):
                for g in range(1, (m.lastindex or 0) + 1):
                    name = m.group(g) and clean_surface(m.group(g))
                    if name and _name_ok(name, blocked) and org_key(name) not in {
                            org_key(a) for _, a in actors}:
                        malware.append((m.start(g), name))
        for pat in ACTOR_PATTERNS:
            for m in pattern_matches(doc, pat):
                name = m.group(1) and clean_surface(m.group(1))
                if name and _name_ok(name, blocked):
                    actors.append((m.start(1), name))
        known = {org_key(a) for _, a in actors}
        for sent_start, sent_end in sentence_bounds(doc):
            if not any(org_key(a) in known for _, a in actors
                       if sent_start <= _ < sent_end):
                continue
            for m in _ALSO_KNOWN.finditer(text[sent_start:sent_end]):
                for g in (1, 2):
                    if m.group(g) and _name_ok(m.group(g), blocked):
                        actors.append((sent_start + m.start(g), m.group(g).strip()))
        persons = _person_like(doc)
        tt = doc_tokens(doc)
        for s, e in persons:
            start_char, end_char = tt.char_span(s, e)
            sent_start, sent_end = sentence_at(doc, start_char)
            left = text[max(sent_start, start_char - 80):start_char]
            right = text[end_char:min(sent_end, end_char + 80)]
            if _CHARGED.search(left) or _CHARGED.match(right):
                actors.append((start_char, text[start_char:end_char]))
    people = {n.replace("-", " ").split()[-1] for n in person_names(doc)}
    malware = [(p, n) for p, n in malware if n not in people]  # "Federica Conti" is no "Conti"
    malware_keys = {org_key(n) for _, n in malware}
    actors = [(p, a) for p, a in actors if org_key(a) not in malware_keys]
    return (_unique(a for _, a in sorted(actors)), _unique(n for _, n in sorted(malware)))


def _person_like(doc: Doc) -> list[tuple[int, int]]:
    """PERSON entities and runs of two or three capitalised words without organisation heads."""
    spans = [(e.start, e.end) for e in doc_ents(doc) if e.label_ == "PERSON"]
    for s, e in _trimmed_runs(doc):
        if _person_shaped(doc, s, e, no_place=True) and not any(
                s < b and a < e for a, b in spans):
            spans.append((s, e))
    return spans


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for it in items:
        k = it.casefold()
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


__all__ = ["ACTOR_PATTERNS", "MALWARE_PATTERNS", "find_threats"]
