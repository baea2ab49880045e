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
2. ``cluster_mentions``: one cluster per organisation (``org_key`` equality, "Name (ACR)",
   acronym by initials, short forms that are a prefix of a longer name, gazetteer aliases).
3. ``assign_roles``: role evidence from the gazetteer, the name ("Police", "Labs") and the
   sentence around every mention ("researchers at X", "a flaw in X's software", "told X").
4. ``pick_victims``: a score per organisation from attack contexts ("X was hit by",
   "attack on X", "X's systems"), the headline, first-sentence prominence and frequency,
   minus the evidence for the other roles; organisations above a threshold (and close to the
   best one) are the victims. A vendor whose own systems the text says were broken into
   ("an attacker had gained access to part of its build environment") is a victim, not a
   vendor.

Articles in other languages (``doc._.language`` de, fr, it, es, nl) use the cue files
``data/gazetteers/org_cues_<lang>.json`` (head words such as "Stadtwerke" or "Cooperativa",
legal forms, descriptors such as "der Sicherheitsfirma X", victim cues such as "sind Opfer
eines Cyberangriffs" or "a été victime d'une cyberattaque", acronyms defined in parentheses)
instead of the English capitalised-run rules, and keep the English NER's organisations only
when they look like organisations in that language. People named after a speech verb or a job
title ("explains analyst Sanne Verhoeven") are never organisations.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.org_candidates import (
    ACTOR_PATTERNS, Candidate, clean_surface, KNOWN_AS_ALIAS, clear_doc_cache, doc_ents, doc_memo,
    doc_text, doc_tokens, find_candidates, pattern_matches, PARENS_AFTER, _trimmed_runs,
    MALWARE_PATTERNS, org_key, RoleGazetteer, sentence_at, sentence_bounds, _acronym_of,
    _acronym_head, _word_initials, _person_shaped,
    _AFFILIATION_LEFT, _AFFILIATION_RIGHT, _ALSO_KNOWN, _CHARGED, _is_acronym, _is_unit_tail,
    _LIST_SEP_LOOSE, _name_ok, _NATIONAL, person_names, word_spans,
)
from pipeline.nlp.org_lexicon import (
    AUTHORITY_WORDS, COMMON_FIRST, DEMONYMS, GEO_NAMES, LanguageCues, load_language_cues, LURE_CRED_RIGHT,
    LURE_LEFT, LURE_RIGHT, LURE_STEAL_LEFT, MEDIA_LEFT, MEDIA_RIGHT, MEDIA_WORDS, ORG_HEADS,
    RESPONSE_HELP, RESPONSE_HELP_END, SECURITY_LEFT, SECURITY_LIST, VENDOR_LIST, SECURITY_RIGHT, SECURITY_WORDS, VENDOR_LEFT,
    TOOL_LEFT, TOOL_RIGHT, VENDOR_RIGHT, VICTIM_LEFT, VICTIM_RIGHT, _ATTACK_WORD, _BACKGROUND,
    BACKGROUND_STRONG, NOUN_MODIFIER_HIT, ROUNDUP_LEFT, SYSTEMS_SUBJECT_HIT, TITLE_VICTIM_RIGHT,
    MAKER_LEFT, RELATIVE_HIT, DEMAND_LEFT, PAY_RIGHT, LIST_VERB_LEFT, LIST_VERBS,
    LIST_SOFTWARE_RIGHT, AMONG_RIGHT, DATA_TAKEN_RIGHT, LIST_CLOSE_LEFT, LIST_CLOSE_RIGHT,
    ROUNDUP_AMONG_LEFT, FAMED_LEFT, LISTED_LEFT, INCIDENTS_RIGHT, ATTRIBUTION_LEFT, HYPOTHETICAL_LEFT, SOURCE_LEFT, SOURCE_RIGHT, SOFTWARE_LIST_LEFT, SOFTWARE_LIST_RIGHT, PRODUCT_NOUN_RIGHT, CUSTOMERS_RIGHT, CUSTOMERS_TARGETED_LEFT, PHISH_WORD,
    PRODUCT_VENDOR_LEFT, PRODUCT_VENDOR_RIGHT, BACKGROUND_AT_LEFT, BACKGROUND_AT_RIGHT,
)
from pipeline.records import Mention, Organisation
from pipeline.regex_prefix import fast

ROLES = ("victim", "attacker", "vendor", "authority", "security_firm", "other")
DEFAULT_ROLES_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteers" / "org_roles.json"
ROLES_FILENAME = "org_roles.json"
DEFAULT_CUES_DIR = DEFAULT_ROLES_PATH.parent   # org_cues_<lang>.json
RULES_VERSION = "rules1"

@dataclass
class Cluster:
    """All mentions of one organisation."""

    mentions: list[Candidate] = field(default_factory=list)
    role: str = "other"
    victim_score: float = 0.0
    evidence: dict[str, float] = field(default_factory=dict)

    @property
    def forms(self) -> list[str]:
        return list(dict.fromkeys(m.text for m in self.mentions))

    @property
    def keys(self) -> set[str]:
        return {org_key(f) for f in self.forms}

    @property
    def labels(self) -> set[str]:
        return {m.label for m in self.mentions}

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def name(self) -> str:
        """The first full form: the longest non-acronym form, earliest on ties (threat
        actors: the first form)."""
        forms = sorted(self.mentions, key=lambda m: m.start)
        if "THREAT_ACTOR" in self.labels:
            return forms[0].text
        full = [m.text for m in forms if not _is_acronym(m.text)] or [m.text for m in forms]
        best = max(full, key=lambda f: len(org_key(f).split()))
        return best

    def add(self, other: "Cluster") -> None:
        self.mentions.extend(other.mentions)


# ----------------------------------------------------------------------------- step 2: clusters
def _possession_of(long_forms: list[str], short_forms: list[str]) -> bool:
    """Every long form is a thing the short form's organisation owns, written with a
    possessive: "OneLogin's Secure Notes" is no longer name of "OneLogin" (which the text also
    names alone) but its product; not when it ends with an organisation word ("Scotty's
    Brewhouse", "Boston Children's Hospital" are names)."""
    return bool(long_forms) and all(
        any(f.startswith(s) and f[len(s):len(s) + 3] in {"'s ", "\u2019s "} for s in short_forms)
        and org_key(f).split()[-1] not in ORG_HEADS for f in long_forms)



def cluster_mentions(cands: list[Candidate], gazetteer: RoleGazetteer,
                     text: str = "") -> list[Cluster]:
    """One cluster per organisation (see the module docstring for the merge rules)."""
    by_key: dict[str, Cluster] = {}
    for c in cands:
        k = org_key(c.text)
        if not k:
            continue
        by_key.setdefault(k, Cluster()).mentions.append(c)
    parent = {k: k for k in by_key}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:  # b joins a
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    keys = sorted(by_key, key=lambda k: by_key[k].first)
    actor = {k for k in keys if "THREAT_ACTOR" in by_key[k].labels}
    # gazetteer alias groups ("Fancy Bear" / "APT 28", "FBI" / "Federal Bureau of Investigation")
    seen_group: dict[int, str] = {}
    for k in keys:
        g = gazetteer.group(k)
        if g is not None:
            if g in seen_group:
                union(seen_group[g], k)
            else:
                seen_group[g] = k
    # acronyms defined in the text: "Marks & Spencer (M&S)"
    if text:
        for k in keys:
            for m in by_key[k].mentions:
                after = PARENS_AFTER.match(text[m.end:m.end + 16])
                if after and org_key(after.group(1)) in by_key and org_key(after.group(1)) != k:
                    union(k, org_key(after.group(1)))
                if m.source == "rule:known-as":  # 'known as "En Marche!" or "Onwards"'
                    alias = KNOWN_AS_ALIAS.match(text[m.end:m.end + 60])
                    if alias and org_key(alias.group(1)) in by_key:
                        union(k, org_key(alias.group(1)))
    # acronyms by initials, short forms, plural variants
    long_forms = {k: [f for f in by_key[k].forms if not _is_acronym(f)] for k in keys}
    # (computed once per key, not once per pair: a long text has hundreds of keys)
    initials = {k: set().union(*(_word_initials(f) for f in long_forms[k])) for k in keys}
    key_toks = {k: k.split() for k in keys}
    key_stems = {k: [t.rstrip("s") for t in key_toks[k]] for k in keys}
    for k in keys:
        if k in actor:
            continue
        forms = by_key[k].forms
        if any(_is_acronym(f) for f in forms):
            acr = next(f for f in forms if _is_acronym(f))
            head = _acronym_head(acr)   # (_acronym_of only matches from a word's start)
            hits = [o for o in keys if o != k and o not in actor and head in initials[o] and any(
                _acronym_of(acr, f) for f in long_forms[o])]
            if len(hits) == 1:
                union(hits[0], k)
                continue
        toks = key_toks[k]
        stems = key_stems[k]
        hits = []
        for o in keys:
            if o == k or o in actor or (
                    k in gazetteer.groups and o in gazetteer.groups
                    and gazetteer.groups[k] != gazetteer.groups[o]):
                continue  # "Cisco" is no short form of "Cisco Talos"
            ot = key_toks[o]
            if len(ot) > len(toks) and ot[:len(toks)] == toks and not _is_unit_tail(ot[len(toks):]):
                if not _possession_of(long_forms[o], forms):
                    hits.append(o)
            elif len(ot) == len(toks) and key_stems[o] == stems:
                hits.append(o)
            elif ot[:2] in (["city", "of"], ["town", "of"], ["county", "of"], ["state", "of"]) \
                    and ot[2:] == toks:
                hits.append(o)
        if hits:  # ambiguous short forms go to the organisation named first
            union(min(hits, key=lambda h: by_key[h].first), k)
    # clipped compounds: "Mat-Su" for "Matanuska-Susitna Borough" (each part of the short
    # form starts the same part of the long name's first word)
    clipped_of = {k: [tuple(f.lower().split("-")) for f in long_forms[k]
                      if "-" in f and " " not in f] for k in keys if k not in actor}
    clipped_of = {k: v for k, v in clipped_of.items() if v}
    hyphen_first = {o: {tuple(f.split()[0].lower().split("-")) for f in long_forms[o]
                        if "-" in f.split()[0]} for o in keys} if clipped_of else {}
    for k, clipped in clipped_of.items():
        hits = [o for o in keys if o != k and o not in actor and any(
            len(first) == len(parts) and first != parts and all(p and w.startswith(p) for w, p in
                                                                zip(first, parts))
            for parts in clipped for first in hyphen_first[o])]
        if len(hits) == 1:
            union(hits[0], k)
    # misspelt names of one organisation ("ONWASA", "OWNASA", "lONWASA"): one edit apart
    acronyms = [k for k in keys if k not in actor and (
        (" " not in k and len(k) >= 5 and any(_is_acronym(f) for f in by_key[k].forms))
        or (" " in k and len(k) >= 10))]  # also "Pent Test Partners" for "Pen Test Partners"
    for i, a in enumerate(acronyms):
        for b in acronyms[i + 1:]:
            if find(a) != find(b) and _one_edit(a, b):
                union(a, b)
    clusters: dict[str, Cluster] = {}
    for k in keys:
        clusters.setdefault(find(k), Cluster()).add(by_key[k])
    out = list(clusters.values())
    out.sort(key=lambda c: c.first)
    return out


_SPEAKS_RIGHT = re.compile(r"^\s+(?:said|says|told|tells|added|adds|explained|explains|noted|"
                           r"notes|wrote|writes|warned|warns|commented|argued|stated)\b")
_SPEAKS_LEFT = re.compile(r"\b(?:according(?:\s+to)?|said|says|told|added|explained|noted|"
                          r"wrote|warned|commented)\s+$", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|He|She|his|His|him|her|Her|it|It|its|Its)\b")
_PERSON_NOUN = re.compile(r"\b(?:spokes\w+|officials?|executives?|chief|CEO|director|manager|"
                          r"researchers?|analysts?|experts?|man|woman|officer|head|founder|"
                          r"president|consultant|he|she)\b", re.I)
_STAFF_OF_LEFT = re.compile(r"\b(?:spokes\w+|officials?|executives?|employees?|staff|"
                            r"representatives?|(?:director|head|manager|officer|chief|vice "
                            r"president|VP)\s+of\s+(?:corporate\s+|public\s+)?(?:communications|"
                            r"media relations|public affairs)|(?:communications|press|media "
                            r"relations)\s+(?:director|manager|officer|chief|head|secretary))"
                            r"\s+(?:for|at|of|from)\s+(?:the\s+)?$", re.I)
_HE_SHE_FIRST = re.compile(r"^\W*(?:He|She|His|Her)\b")


def used_as_person(doc: Doc, cl: Cluster, gazetteer: RoleGazetteer) -> bool:
    """A one-word name the article uses as a person, with no full name given: it speaks
    ("Diachenko said", "according to Diachenko") and "he"/"she" refers to it (the rest of a
    sentence naming it, or the next sentence's first word), with no other person named in
    those sentences. Such a name (a surname) is no organisation."""
    forms = cl.forms
    if not all(" " not in f and f[:1].isupper() and f[1:].islower() and f.isalpha()
               for f in forms) or cl.labels - {"ORG"}:
        return False
    if any(gazetteer.role(k) for k in cl.keys) or any(k in ORG_HEADS for k in cl.keys) or any(
            m.hint for m in cl.mentions):
        return False  # (a name the entity gazetteer knows as a company, vendor, agency, ...)
    text = doc_text(doc)
    sents = sentence_bounds(doc)
    starts = [a for a, _ in sents]
    people = [(e.start_char, e.end_char) for e in doc_ents(doc)
              if e.label_ == "PERSON" and len(e) > 1]
    speaks = refers = its = False
    for m in cl.mentions:
        left, right, _sent, _ = _contexts(doc, m)
        i = max(bisect.bisect_right(starts, m.start) - 1, 0)
        s_start, s_end = sents[i] if sents else (0, len(text))
        if any(s_start <= a < s_end for a, _ in people) or _STAFF_OF_LEFT.search(left):
            continue  # "He" may be someone else ("A spokesman for X says he ...")
        after = text[m.end:s_end]
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        nxt_text = text[nxt[0]:nxt[1]] if nxt is not None else ""
        pronoun = _PRONOUN.search(after)
        if _SPEAKS_RIGHT.match(right) or _SPEAKS_LEFT.search(left):
            speaks = True
            if (pronoun and pronoun.group(0).lower() in {"it", "its"}) or re.match(
                    r"^\W*It\b", nxt_text):
                its = True  # "X says ... that it has taken steps": an organisation
        if pronoun and pronoun.group(0).lower() not in {"it", "its"} and not _PERSON_NOUN.search(
                after[:pronoun.start()]):
            refers = True
        elif nxt is not None and _HE_SHE_FIRST.match(nxt_text) and not any(
                nxt[0] <= a < nxt[1] for a, _ in people) and not _PERSON_NOUN.search(after):
            refers = True
    return speaks and refers and not its


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


# ----------------------------------------------------------------------------- step 3: roles
def _contexts(doc: Doc, m: Candidate, width_left: int = 90, width_right: int = 120):
    """Left and right context of a mention inside its sentence, the sentence and its start
    (computed once per Doc and mention span)."""
    memo = doc_memo(doc)
    key = ("contexts", m.start, m.end, width_left, width_right)
    found = memo.get(key)
    if found is None:
        s_start, s_end = sentence_at(doc, m.start)
        text = doc_text(doc)
        left = text[max(s_start, m.start - width_left):m.start]
        right = text[m.end:min(s_end, m.end + width_right)]
        sent = text[s_start:s_end]
        found = memo[key] = (left, right, sent, s_start)
    return found


def _mention_lure(doc: Doc, m: Candidate, left: str, right: str) -> bool:
    """:func:`_is_lure` of a mention's default contexts, computed once per Doc and span."""
    memo = doc_memo(doc)
    key = ("lure", m.start, m.end)
    found = memo.get(key)
    if found is None:
        found = _is_lure(left, right)
        if not found and CUSTOMERS_RIGHT.match(right) and CUSTOMERS_TARGETED_LEFT.search(left):
            _l, _r, sent, s_start = _contexts(doc, m)
            # "scammers are targeting X customers": X's customers are phished, X is the bait
            found = _sentence_flag(doc, "phish", s_start, sent, PHISH_WORD.search)
        memo[key] = found
    return found


def _sentence_flag(doc: Doc, kind: str, s_start: int, sent: str, test) -> bool:
    """``test(sent)`` for the sentence starting at ``s_start``, computed once per Doc."""
    memo = doc_memo(doc)
    key = (kind, s_start)
    value = memo.get(key)
    if value is None:
        value = memo[key] = bool(test(sent))
    return value


def _sent_attack(doc: Doc, s_start: int, sent: str, cues: LanguageCues | None) -> bool:
    return _sentence_flag(doc, ("attack", id(cues)), s_start, sent,
                          lambda t: _attack_in(t, cues))


_PUBLIC_BODY = frozenset("""centre center agency office service council guard directorate
institute administration""".split())
_PRODUCT_MAKER = frozenset("""robotics software technologies technology electronics devices
systems networks semiconductor semiconductors""".split())
_TECH_HEADS = frozenset("""security labs lab systems technologies technology networks network
software solutions research consulting partners intelligence""".split())
_SPEECH = re.compile(r"\b(?:said|says|told|commented|explained|added|noted|wrote|warned|"
                     r"according to)\b|[\"\u201c\u201d]", re.I)
EXPERT_LEFT = re.compile(r"\b(?!(?:In|On|At|By|For|From|Since|After|Before|During|Last|This|"
                         r"Next|Earlier|Later|Until|Through|Like|Unlike)\b)"
                         r"[A-Z][a-z]+ [A-Z][\w'-]+,\s+(?:[\w-]+,?\s+){0,6}?"
                         r"(?:(?:at|of|from|with)\s+(?:the\s+)?)?(?<!\sin\s)(?<!\snear\s)$")
# (not "X, a security provider in Tallinn": a place follows)


# an organisation speaking through its spokespeople or staff is a party, not a commentator
_PARTY_RIGHT = re.compile(r"^(?:['\u2019]s)?\s+(?:spokes\w+|officials?|executives?|employees|"
                          r"staff|CEO|chief executive|president|chairman|founder|owner|boss)\b",
                          re.I)


# a name used for a kind of installation: "thousands of X databases", "unpatched X servers",
# "ransomware targeting X and Y systems": the product, not the organisation attacked
_PRODUCT_USE_LEFT = re.compile(
    r"(?:\b(?:thousands|hundreds|millions|dozens|tens|scores|many|several|unpatched|vulnerable|"
    r"exposed|unsecured|misconfigured|insecure|unprotected|(?:publicly|openly) accessible|open|"
    r"targeting|"
    r"targets|infecting|infects|against|public[- ]facing|internet[- ]facing)|\d)\s+(?:of\s+)?"
    r"(?:the\s+)?(?:[A-Z][\w.-]*\s*(?:,|and|or)\s+){0,4}$", re.I)
# "development platforms such as X", "databases like X": a kind of software
_PRODUCT_KIND_LEFT = re.compile(
    r"\b(?:platforms?|databases?|software|products?|frameworks?|applications?|apps|"
    r"browsers?|operating systems?|CMS|content management systems?|libraries|search engines?)\s*,?"
    r"\s+(?:such as|like|including)\s+(?:[A-Z][\w.-]*\s*(?:,|and|or)\s+){0,4}$", re.I)
_PRODUCT_USE_RIGHT = re.compile(
    r"^(?:\s+(?:and|or|,)\s+[A-Z][\w.-]*)*\s+(?:[\w.-]+\s+)?(?:servers|databases|devices|"
    r"installations|instances|systems|machines|computers|routers|clusters|deployments|"
    r"builds|versions|endpoints|hosts)\b")
# a professional adviser named as such: "a partner at the law firm X" (it speaks for a client)
_ADVISER_LEFT = re.compile(
    r"\b(?:law|legal|accounting|audit|consulting|PR|public relations)\s+firm\s+(?:of\s+)?$", re.I)
# one person's account at a platform: "his account at X was taken over" (a platform, not attacked)
_PERSONAL_ACCOUNT_LEFT = re.compile(
    r"\b(?:his|her|my|your)\s+(?:[\w-]+\s+){0,2}?accounts?\s+(?:at|with|on)\s+$", re.I)
# a name used for a piece of software: "the PureVPN Windows client", "webmail software X"
_PRODUCT_NAME_RIGHT = re.compile(
    r"^\s+(?:\([A-Z][\w&.-]*\)\s+)?(?:[A-Z][\w.-]*\s+)?(?:client|app|application|software|plugin|plug-in|extension|"
    r"platform|library|framework|browser|firmware|tool|package|module|server software|"
    r"player|gamer)s?\b")  # (a game: "World of Warcraft players are being targeted")
# a product named through its maker: "a breach of the Clash of Clans creator", "the X maker"
_MAKER_OF_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:creator|maker|developer|publisher)s?\b(?!\s+(?:of|conference|"
    r"summit|program)\b)", re.I)
_PRODUCT_NAME_LEFT = re.compile(
    r"\b(?:software|app|application|client|plugin|plug-in|extension|library|framework|browser|"
    r"firmware|tool|package|module|webmail)\s+$")
# a named flaw or malware: "the Heartbleed flaw", "vulnerable to X", "a new strain of
# ransomware, X,"
_THREAT_NAME_RIGHT = re.compile(
    r"^['\u2019\"\u201d]?\s+(?:bug|flaw|vulnerabilit(?:y|ies)|exploit|strain|variant|"
    r"ransomware|malware|trojan|worm|botnet|backdoor|cryptovirus|wiper)\b", re.I)
_THREAT_NAME_LEFT = re.compile(
    r"\b(?:vulnerable\s+to|(?:strain|variant|family|version)\s+of\s+(?:the\s+)?"
    r"(?:ransomware|malware|trojan|virus|worm|cryptovirus)\s*,?)\s+[\"\u201c'\u2018]?$", re.I)


_CRIME_UNIT = re.compile(r"\b(?:[Cc]rime|[Ff]raud|[Cc]ybercrime)\s+(?:[Uu]nit|[Ss]quad|[Cc]ommand|"
                         r"[Tt]ask [Ff]orce|[Dd]ivision)\b")  # police units
_SECURITY_PREFIX = re.compile(r"(?:cyber|secur|threat)(?!it(?:y|ies)\b)[a-z]")


_ACADEMIC = frozenset("""university universities college school universität université
università universidad universiteit""".split())


_GANG_TAIL = frozenset("gang crew mafia syndicate squad".split())
_GANG_TAIL2 = {("crime", "family"), ("hacking", "group"), ("hacker", "group"), ("hacking", "crew"),
               ("hacker", "crew")}


def _name_role(name: str) -> str | None:
    words = org_key(name).split()
    if len(words) >= 2 and (words[-1] in _GANG_TAIL or tuple(words[-2:]) in _GANG_TAIL2) and \
            not _CRIME_UNIT.search(name):
        return "attacker"  # "Turkish Crime Family", "Lizard Squad", "XMR Squad"
    if set(words) & AUTHORITY_WORDS or re.search(r"\b(?:Office|Department) of\b", name) or \
            _CRIME_UNIT.search(name) or (
            words and words[0] in _NATIONAL and words[:2] != ["new", "jersey"] and not (
                words[0] == "new" and words[1:2] != ["zealand"])  # "New Jersey Spine Center"
            and set(words[1:]) & _PUBLIC_BODY) or re.match(
            r"(?:[Ss]tate|[Cc]ity|[Cc]ounty|[Tt]own) of ", name) and words[0] == "state":
        return "authority"
    if words and (words[-1] == "media" or words[-2:] == ["media", "group"]):
        return "media"  # "Information Security Media Group", "Vice Media"
    words = set(words)
    if words & _ACADEMIC:
        return "other"  # universities and their schools, whatever their researchers study
    if words & MEDIA_WORDS and not words & {"security", "cyber"}:
        return "media"
    if words & SECURITY_WORDS or any(_SECURITY_PREFIX.match(w) for w in words):
        return "security_firm"  # "SecuriTeam", "CyberScout", "ThreatConnect"
    return None


def _hint_role(hint: str) -> str | None:
    h = hint.lower()
    return {"agency": "authority", "authority": "authority", "police": "authority",
            "vendor": "vendor", "security_firm": "security_firm", "media": "media",
            "attacker": "attacker", "threat_actor": "attacker"}.get(h)


def _lang_role(name: str, cues: LanguageCues | None) -> str | None:
    """A role from the first words of a name in another language ("Polizia Postale",
    "Hochschule Lindenau")."""
    if cues is None:
        return None
    for role, pat in cues.role_heads:
        if pat.match(name):
            return role
    return None


def _attack_in(text: str, cues: LanguageCues | None) -> bool:
    return bool(_ATTACK_WORD.search(text) or (cues is not None and cues.attack.search(text)))


# review fixes (session 7): "X, Y and Z servers" is a software list only when the names look
# like products -- no organisation head ("Vantor Bank and Colbry Insurance servers", "Tarvin
# Stores, Oldcastle Pharmacy and Greenway Market point-of-sale installations") and no bare name
# that speaks as an organisation elsewhere ("the Ashcombe, Treloar and Pinnington databases
# ... Ashcombe said"); "MongoDB, Elasticsearch and Hadoop servers" stays software
_LIST_ORG_HEADS = (ORG_HEADS - _TECH_HEADS - {"service", "services", "media", "team", "unit",
                                              "division", "campaign", "party", "center", "centre",
                                              "server"}) | {
    "market", "markets", "supermarket", "supermarkets", "travel", "ticketing", "pharmacies"}
_LIST_NAMES = re.compile(r"(?<![\w.&'\u2019-])[A-Z][\w.&'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?"
                         r"[A-Z0-9][\w.&'\u2019-]*)*")
_ORG_SPEAKS = (r"(?![\w-])(?:\s+(?:has|have|had)(?:\s+also)?)?\s+(?:said|says|confirmed|"
               r"told|announced|disclosed|admitted|notified|informed|apologi[sz]ed)\b")


def _org_list(doc: Doc, left: str, name: str, right: str, gazetteer: RoleGazetteer) -> bool:
    """The names of a "X, Y and Z <product noun>" list are organisations (see above)."""
    after = SOFTWARE_LIST_RIGHT.match(right) or PRODUCT_NOUN_RIGHT.match(right)
    listed = [after.group(0) if after else ""]
    while (before := SOFTWARE_LIST_LEFT.search(left)) is not None:  # the earlier items
        listed.append(before.group(0))
        left = left[:before.start()]
    names = [name] + _LIST_NAMES.findall(" ".join(listed))
    text = doc_text(doc)
    for n in names:
        if set(org_key(n).split()) & _LIST_ORG_HEADS:
            return True
        if gazetteer.role(org_key(n)) not in {"vendor", "security_firm"} and re.search(
                r"(?<![\w-])" + re.escape(n) + _ORG_SPEAKS, text):
            return True
    return False


def assign_roles(doc: Doc, clusters: list[Cluster], gazetteer: RoleGazetteer,
                 cues: LanguageCues | None = None) -> None:
    """Set ``cluster.role`` (never "victim": see :func:`pick_victims`) and its evidence."""
    vendor_lists = _list_after(doc, VENDOR_LIST)
    security_lists = _list_after(doc, SECURITY_LIST)
    helpers = _list_after(doc, RESPONSE_HELP, _HELPERS_AS_SUBJECT)
    if helpers and not _reports_incident(doc, doc._.title):
        helpers = []
    ends = {m.end for cl in clusters for m in cl.mentions}
    for cl in clusters:
        ev = {"security_firm": 0.0, "vendor": 0.0, "media": 0.0, "authority": 0.0, "lure": 0.0}
        prior = None
        for k in cl.keys:
            prior = prior or gazetteer.role(k)
        for m in cl.mentions:
            prior = prior or _hint_role(m.hint)
        name = cl.name
        named = _lang_role(name, cues) or _name_role(name)
        for m in cl.mentions:
            left, right, _sent, s_start = _contexts(doc, m)
            if SECURITY_LEFT.search(left) or SECURITY_RIGHT.match(right) or (
                    "ccording" in left and _ACCORDING_LEFT.search(left)
                    and _REPORT_RIGHT.match(right)):
                ev["security_firm"] += 1
            if VENDOR_LEFT.search(left) or VENDOR_RIGHT.match(right):
                ev["vendor"] += 1
            if PRODUCT_VENDOR_RIGHT.match(right) or PRODUCT_VENDOR_LEFT.search(left):
                ev["product_vendor"] = ev.get("product_vendor", 0.0) + 1
                ev["vendor"] += 1
            if MEDIA_LEFT.search(left) or MEDIA_RIGHT.match(right):
                ev["media"] += 1
            if TOOL_LEFT.search(left) or TOOL_RIGHT.match(right):
                ev["tool"] = ev.get("tool", 0.0) + 1  # "a search with Shodan revealed"
            if _mention_lure(doc, m, left, right):
                ev["lure"] += 1
            if (_PRODUCT_USE_RIGHT.match(right) and _PRODUCT_USE_LEFT.search(left)) or (
                    ("such as" in left or "like" in left or "including" in left)
                    and _PRODUCT_KIND_LEFT.search(left)):
                ev["product_use"] = ev.get("product_use", 0.0) + 1  # "thousands of X servers"
            elif (SOFTWARE_LIST_RIGHT.match(right) or (PRODUCT_NOUN_RIGHT.match(right) and
                                                       SOFTWARE_LIST_LEFT.search(left))) and \
                    not _org_list(doc, left, doc_text(doc)[m.start:m.end], right, gazetteer):
                ev["product_use"] = ev.get("product_use", 0.0) + 1  # "X, Y and Z servers"
            if "firm" in left and _ADVISER_LEFT.search(left):
                ev["adviser"] = ev.get("adviser", 0.0) + 1  # "a partner at the law firm X"
            if SOURCE_LEFT.search(left) or SOURCE_RIGHT.match(right):
                ev["source"] = ev.get("source", 0.0) + 1  # "a report from X", "an X scholar"
            if "account" in left and _PERSONAL_ACCOUNT_LEFT.search(left):
                ev["personal_account"] = ev.get("personal_account", 0.0) + 1
            if _PRODUCT_NAME_RIGHT.match(right) or _PRODUCT_NAME_LEFT.search(left):
                ev["product_name"] = ev.get("product_name", 0.0) + 1  # "the X Windows client"
            if _MAKER_OF_RIGHT.match(right):
                ev["product_of"] = ev.get("product_of", 0.0) + 1  # "the X creator"
            if _THREAT_NAME_RIGHT.match(right) or _THREAT_NAME_LEFT.search(left):
                ev["threat_name"] = ev.get("threat_name", 0.0) + 1  # "the X flaw"
            if m.label == "GPE" and _PLACE_STAFF_RIGHT.match(right):
                ev["acts"] = ev.get("acts", 0.0) + 1  # "Newark's safety director": a city body
            if any(a <= m.start < b for a, b in vendor_lists) or _maker_context(left):
                ev["vendor"] += 1
            if any(a <= m.start < b for a, b in helpers):
                ev["security_firm"] += 1  # IT companies helping the response
            if any(a <= m.start < b for a, b in security_lists):
                ev["security_firm"] += 1  # "security researchers X, Y and Z"
            if _sentence_flag(doc, "speech", s_start, _sent, _SPEECH.search) and (
                    _AFFILIATION_LEFT.search(left) or ((_expert_left(m, left, ends) or
                                                        _AFFILIATION_RIGHT.match(right))
                                                       and not _PARTY_RIGHT.match(right))) \
                    and not _STAFF_OF_LEFT.search(left):
                ev["expert"] = ev.get("expert", 0.0) + 1
        cl.evidence = {**ev, "prior": prior or "", "named": named or ""}
        if "THREAT_ACTOR" in cl.labels or prior == "attacker" or (
                named == "attacker" and prior is None):
            cl.role = "attacker"
            continue
        base = prior or named
        if base == "vendor" and not ev["vendor"] and not _vuln_article(doc):
            base = None  # a big vendor merely mentioned (Google as a platform) is "other"
        if ev.get("product_vendor") and base in {None, "security_firm", "vendor", "other"}:
            role = "vendor"  # the victim's security-product vendor
        elif base in {"authority", "security_firm", "media", "other"}:
            role = base
        elif ev["security_firm"] >= max(1, ev["vendor"]):
            role = "security_firm"
        elif ev["vendor"] or base == "vendor":
            role = "vendor"
        elif ev["media"]:
            role = "media"  # "said in a statement to X", "X reporter"
        elif ev.get("expert") and "GPE" not in cl.labels and not (
                set(org_key(cl.name).split()) & (ORG_HEADS - _TECH_HEADS)):
            role = "security_firm"  # the employer of a commenting expert
        elif _vuln_article(doc) and set(org_key(cl.name).split()) & _PRODUCT_MAKER:
            role = "vendor"
        else:
            role = "other"
        cl.role = "other" if role == "media" else role


def _expert_left(m: Candidate, left: str, ends: set[int]) -> bool:
    """``EXPERT_LEFT`` ("Jo Smith, analyst at X"), unless its "Jo Smith," is an organisation
    mention: "... include Holiday Inn, Holiday Inn Express and X" is a list of names."""
    em = EXPERT_LEFT.search(left)
    if not em:
        return False
    comma = left.find(",", em.start())
    return (m.start - len(left) + comma) not in ends


# the helpers are the subject ("Federal officials, Microsoft and Cisco are working with the city
# of X"): what follows "working with" is then the organisation helped, not a helper
_HELPERS_AS_SUBJECT = re.compile(
    r"\b(?:officials|investigators|experts|agents|authorities|police|partners|responders|"
    r"agencies|consultants|specialists|contractors|researchers|law enforcement)\b[^.;:]{0,40}"
    r"\b(?:is|are|were|was|have been|has been|had been)\s+(?:now\s+|currently\s+|closely\s+)?"
    r"working$", re.I)


def _list_after(doc: Doc, intro: re.Pattern,
                not_after: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Character ranges of the lists that follow ``intro``: the organisations helping the
    response ("is working with", "with support from", "brought in", "hired") or the vendors
    of affected products ("vendors, including"); when the sentence up to the intro's first
    word matches ``not_after`` ("Federal officials, X and Y are working with the city"), the
    names before the intro instead."""
    text = doc_text(doc)
    out = []
    for m in intro.finditer(text):
        if not_after is not None:
            s_start = sentence_at(doc, m.start())[0]
            head = text[max(s_start, m.start() - 120):m.start() + len(m.group(0).split()[0])]
            if not_after.search(head):
                out.append((max(s_start, m.start() - 120), m.start()))
                continue  # (the subject's names are then the list)
        end = RESPONSE_HELP_END.search(text, m.end(), min(len(text), m.end() + 140))
        out.append((m.end(), end.start() if end else min(len(text), m.end() + 140)))
    return out


def _is_lure(left: str, right: str) -> bool:
    """A brand used as bait: "a fake Google login screen", "steal Netflix user credentials"."""
    return bool(LURE_LEFT.search(left) or LURE_RIGHT.match(right) or (
        LURE_STEAL_LEFT.search(left) and LURE_CRED_RIGHT.match(right))
        or (("from" in left or " as " in left) and _LURE_LIST_LEFT.search(left)))


# "emails purporting to be from companies we trust such as Apple and X", "fake
# correspondence from HMRC, X and ..."
_LURE_LIST_LEFT = re.compile(
    r"(?:\b(?:purport\w*|claim\w*|pretend\w*|appear\w*)\s+to\s+(?:be|come)\s+from\s+"
    r"(?:[\w'\u2019-]+\s+){0,5}?(?:such\s+as|like|including)|\b(?:fake|spoofed|bogus|phony|"
    r"fraudulent)\s+(?:[\w-]+\s+)?(?:correspondence|e-?mails?|messages?|texts?|letters?|"
    r"websites?|sites?|pages?|invoices?|calls?)\s+(?:from|by)|\b(?:posing|masquerading)\s+as)"
    r"\s+(?:the\s+)?(?:[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*){0,2}\s*(?:,|and|or)\s+)"
    r"{0,5}$")


_VULN_WORD = fast(re.compile(r"\b(?:vulnerabilit|flaw|patch|zero-day|0-day|CVE-|exploit)", re.I))


def _vuln_article(doc: Doc) -> bool:
    memo = doc_memo(doc)
    if "vuln_article" not in memo:
        memo["vuln_article"] = bool(_VULN_WORD.search(doc_text(doc)))
    return memo["vuln_article"]


# ----------------------------------------------------------------------------- step 4: victims
def _title_forms(forms: Iterable[str]) -> list[str]:
    """Forms a headline may use: the names and the first one or two words of long names
    ("Western Albemarle" for "Western Albemarle High School")."""
    out = list(forms)
    for f in list(out):
        words = f.split()
        for n in (2, 1):
            head = words[:n]
            if len(words) > n and head and all(w.lower() not in GEO_NAMES and w.lower() not in
                                               COMMON_FIRST for w in head):
                out.append(" ".join(head))
    return out


# the rest of a coordinated list of names in a headline: "(Google), Facebook hit by" -- each
# item must be a known form of an organisation of the article (in a Title Case headline any
# capitalised words would do: "Microsoft, Google Say Hackers Targeted ...")
_TITLE_LIST_SEP = re.compile(r"\s*(?:,|and\b|&)\s*", re.I)  # ("Google And Facebook Hit By")


def _title_list_rest(rest: str, others: Iterable[str]) -> str:
    """``rest`` (the headline after a name) without a following list of other known names."""
    out = rest
    while (sep := _TITLE_LIST_SEP.match(out)) and sep.end() > 0:
        tail = out[sep.end():]
        form = next((f for f in others if tail[:len(f)].lower() == f.lower() and
                     (len(tail) == len(f) or not (tail[len(f)].isalnum() or tail[len(f)] == "-"))),
                    None)
        if form is None:
            break
        out = tail[len(form):]
    return out if out is rest or out[:1].isspace() else rest


def _title_lure(title: str | None, forms: Iterable[str]) -> bool:
    """The headline names the organisation as bait: "Fake X emails target business owners",
    "Phishers spoof X login page" (:func:`_is_lure` on the headline around the name)."""
    if not title:
        return False
    for f in forms:
        if len(f) < 2:
            continue
        for a, b in word_spans(title, f, ignore_case=not _is_acronym(f)):
            if _is_lure(title[:a], title[b:]):
                return True
    return False


def _in_title(title: str | None, forms: Iterable[str]) -> bool:
    if not title:
        return False
    for f in _title_forms(forms):
        if len(f) < 2:
            continue
        if word_spans(title, f, ignore_case=not _is_acronym(f)):
            return True
    return False


def _english_title_hit(title: str | None, forms: Iterable[str],
                       others: Iterable[str] = ()) -> float:
    """Attack evidence from an English headline that names the organisation as the target
    ("Data breach at X after staff accessed records", "Ransomware attack on X"); ``others``:
    the headline forms of the article's other organisations (a list "X, Y hit by")."""
    if not title or not _ATTACK_WORD.search(title):
        return 0.0
    forms = list(forms)
    others = sorted(others, key=len, reverse=True)
    # a first word another organisation of the article goes by is that one's name in the
    # headline ("breach at Cathay": Cathay Pacific, named "Cathay" in the text, not Cathay City)
    taken = {o.casefold() for o in others} - {f.casefold() for f in forms}
    for f in _title_forms(forms):
        if len(f) < 2 or f not in forms and f.casefold() in taken:
            continue
        for a, b in word_spans(title, f, ignore_case=not _is_acronym(f)):
            rest = _title_list_rest(title[b:], others)
            if f in forms and TITLE_VICTIM_RIGHT.match(rest):
                return 3.0  # the headline's subject, hit: "Google, Facebook hit by ..."
            if any(p.search(title[:a]) for p, _w in VICTIM_LEFT[:1]) or \
                    NOUN_MODIFIER_HIT.match(title[b:]):
                return 2.0
    return 0.0


def _mention_hits(doc: Doc, clusters: list[Cluster],
                  cues: LanguageCues | None = None) -> dict[int, float]:
    """Attack evidence of every mention (keyed by ``id(mention)``): the strongest victim
    pattern around it, discounted in background sentences and shared along coordinated lists
    ("hit Uber, Fitbit and OKCupid")."""
    hits: dict[int, float] = {}
    raw = doc_memo(doc)["raw_hits"] = {}  # before the background discount
    mentions = sorted((m for cl in clusters for m in cl.mentions), key=lambda m: m.start)
    listed = doc_memo(doc)["listed"] = set()  # mentions in a list of attacked names
    place_ids = {id(m) for m in mentions if _place_mention(m)}
    hypothetical = doc_memo(doc)["hypothetical"] = set()  # mentions in a flaw's impact
    attributed = doc_memo(doc)["attributed"] = {}  # mentions in an attacker's record
    for m in mentions:
        left, right, sent, s_start = _contexts(doc, m)
        attack_sent = _sent_attack(doc, s_start, sent, cues)
        hit = 0.0
        for i, (p, w) in enumerate(VICTIM_RIGHT):  # (a weight not above the hit changes nothing)
            if w > hit and (i in (0, 1) or attack_sent) and p.match(right):
                hit = w
        if hit < 2.0 and NOUN_MODIFIER_HIT.match(right):
            hit = 2.0  # "the Cathay Pacific data breach" (an attack sentence by itself)
        if hit < 3.0 and SYSTEMS_SUBJECT_HIT.match(right):
            hit = 3.0  # "some X computers were infected with ransomware"
        if hit < 2.0 and ("includ" in left or "such as" in left or " is" in left
                          or " are" in left or " was" in left or " were" in left) \
                and (attack_sent or _near_attack(doc, s_start, cues)) and ROUNDUP_LEFT.search(left):
            hit = 2.0  # "institutions hit include X, Y and Z" (shared along the list below)
            listed.add(id(m))
        if hit < 2.0 and attack_sent and any(v in left for v in LIST_VERBS) and \
                LIST_VERB_LEFT.search(left) and not LIST_SOFTWARE_RIGHT.match(right):
            listed.add(id(m))
            hit = 2.0  # "disrupting car factories, global shipper X and Y" (not "hitting
            # exposed Hadoop and X deployments": software)
        if hit < 3.0 and attack_sent and PAY_RIGHT.match(right) and DEMAND_LEFT.search(left):
            hit = 3.0  # "demanding X pay a ransom"
        if hit < 3.0 and RELATIVE_HIT.match(right):
            hit = 3.0  # "X, which confirmed that it was attacked"
        if hit < 3.0 and "among" in right and AMONG_RIGHT.match(right):
            hit = 3.0  # "X and Y were among the clients affected"
        if hit < 3.0 and " ha" in right[:90] and DATA_TAKEN_RIGHT.match(right):
            hit = 3.0  # "X and Y had staff data stolen"
        if hit < 3.0 and right[:1] in {",", "(", " "} and LIST_CLOSE_RIGHT.match(right) and \
                LIST_CLOSE_LEFT.search(left):
            hit = 3.0  # "its clients, including X and Y, were also affected"
        if hit < 2.0 and _SUPPLIER_LEAK_RIGHT.match(right):
            hit = 2.0  # "X was leaking customer HTTPS sessions for A, B and C": X leaked too
        if hit < 2.0 and "mong" in left and (attack_sent or _near_attack(doc, s_start, cues)) \
                and ROUNDUP_AMONG_LEFT.search(left):
            hit = 2.0  # "Among the clients affected were X, Y and Z" (shared along the list)
            listed.add(id(m))
        plain = hit >= 3.0  # a plain victim pattern at the name itself ("X was hit by")
        if attack_sent:
            for p, w in VICTIM_LEFT:
                if w > hit and p.search(left):
                    hit = w
        if hit and not plain and "ccording" in left and _ACCORDING_LEFT.search(left):
            hit = 0.0  # "phones that fell victim to X, according to Y's report": the source
        if cues is not None:  # "Die Stadtwerke X sind Opfer eines Cyberangriffs geworden"
            for i, p in enumerate(cues.victim_right):
                if (i < 2 or attack_sent) and p.match(right):
                    hit = max(hit, 3.0 if i < 2 else 2.0)
            if attack_sent and any(p.search(left) for p in cues.victim_left):
                hit = max(hit, 2.5)
        if _MODIFIER_HYPHEN.match(right) or (not plain and _maker_context(left)):
            hit = 0.0  # "Internet-exposed servers", "printers from X": not the target
        if hit > 1.0 and HYPOTHETICAL_LEFT.search(left):
            hit = 0.0  # "would enable remote attacks on all X nodes": a flaw's impact
            hypothetical.add(id(m))
        if hit and _NON_CYBER_CAUSE.match(right) and not _CYBER_WORD.search(
                right[:_NON_CYBER_CAUSE.match(right).end()]):
            hit = 0.0  # "X suffered a day-long outage due to a cut fiber": no attack on X
        raw[id(m)] = hit
        if _sentence_flag(doc, ("background", id(cues)), s_start, sent, lambda t: (
                _BACKGROUND.search(t) or (cues is not None and cues.background.search(t)))):
            hit *= 0.4
        if _mention_lure(doc, m, left, right):
            hit = 0.0
        elif hit and id(m) in place_ids and (_PLACE_OF_LEFT.search(left)
                                             or _PLACE_MODIFIER_RIGHT.match(right)):
            hit = 0.0  # "Midland in Ontario was hit", "data leaks at Long Island companies"
        elif hit and ATTRIBUTION_LEFT.search(left):
            attributed[id(m)] = hit  # (kept for a lead that names only these attacks)
            hit = 0.0  # "the group blamed for the attacks on X": the attacker's record

        hits[id(m)] = hit
    places = {id(m) for cl in clusters if cl.labels <= {"GPE"} or all(
        k in GEO_NAMES or k in _NATIONAL for k in cl.keys) for m in cl.mentions}
    group: list[Candidate] = []
    for m in mentions + [None]:
        if m is not None and group and _LIST_SEP_LOOSE.match(doc_text(doc)[group[-1].end:m.start]):
            group.append(m)
            continue
        if m is not None and group and id(m) in places and _IN_PLACE.match(
                doc_text(doc)[group[-1].end:m.start]):
            continue  # "the X in the UK, Y and Z": the place is part of the separator
        if len(group) >= 2:
            best = max(hits[id(g)] for g in group)
            for g in group:
                hits[id(g)] = best
                if best >= 2:
                    listed.add(id(g))
        group = [m] if m is not None else []
    return hits


# an outage with a cause that is no attack: "X suffered a day-long outage due to a cut fiber"
_NON_CYBER_CAUSE = re.compile(
    r"^[^.;!?]{0,80}?\b(?:outage|downtime|disruption|went (?:down|offline))[^.;!?]{0,30}?\b"
    r"(?:due to|caused by|because of|after|following)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cut|severed|fib(?:er|re)s?|power|storm|weather|hurricane|flood(?:ing)?|fire|hardware|"
    r"technical|glitch|maintenance|configuration|construction)\b", re.I)
_CYBER_WORD = re.compile(r"(?:attack|breach|hack|ransom|malware|phish|virus|intrusion|ddos|"
                         r"denial[- ]of[- ]service)", re.I)


# (review fixes, session 7) the supplier leaking what it holds for its clients is a victim next
# to them (its clients are found by the supplier-leak pattern of VICTIM_LEFT)
_SUPPLIER_LEAK_RIGHT = re.compile(
    r"^\s+(?:(?:was|were|is|are|had been|has been|have been)\s+)?(?:leaking|leaked|exposing|"
    r"exposed|spilling|spilled)\s+(?:(?:the|their|its|some|private|sensitive|personal|customer|"
    r"client|user|HTTPS?|encrypted|unencrypted)\s+){0,3}(?:data|sessions|traffic|information|"
    r"details|records|passwords|credentials|cookies|tokens|files|e-?mails)\s+(?:of|for|from|"
    r"belonging to)\b", re.I)


def _near_attack(doc: Doc, s_start: int, cues: LanguageCues | None) -> bool:
    """The sentence before the one starting at ``s_start`` speaks of an attack: a round-up
    of affected clients may follow the sentence that reports the supplier's breach ("Movex was
    hit by ransomware. Its affected clients include X and Y")."""
    memo = doc_memo(doc)
    key = ("near_attack", id(cues), s_start)
    found = memo.get(key)
    if found is None:
        sents = sentence_bounds(doc)
        i = bisect.bisect_left(sents, (s_start, -1)) - 1
        found = False
        if i >= 0:
            a, b = sents[i]
            found = _sent_attack(doc, a, doc_text(doc)[a:b], cues)
        memo[key] = found
    return found


# a name as the first part of a compound modifier: "Internet-exposed", "Russia-linked"
_MODIFIER_HYPHEN = re.compile(r"^-\w")  # (also a fragment of one word: "Zero" of "Zero-Day")
# "according to X's Global Security Report 2016": the firm that published the figures
_REPORT_RIGHT = re.compile(r"^['\u2019]s?\s+(?:[\w-]+\s+){0,7}?(?:report|survey|study|research|"
                           r"analysis|findings|data|index)\b", re.I)
_THEFT = re.compile(r"\b(?:stole|stolen|steal\w*|took|taken|theft|thie(?:f|ves)|swiped|lost|"
                    r"missing)\b", re.I)


# a backdoor planted in the maker's products: the maker was compromised (a supply-chain attack)
_IMPLANT = re.compile(r"\b(?:backdoor\w*|trojani[sz]ed|tamper\w*|planted|implant\w*|injected|"
                      r"poison\w*|supply[- ]chain)\b", re.I)


def _maker_context(left: str) -> bool:
    """"printers from X", "routers made by X" (not "thieves took laptops from X", not "a
    backdoor planted in products from X")."""
    return (" from " in left or " by " in left) and bool(MAKER_LEFT.search(left)) and not \
        _THEFT.search(left) and not _IMPLANT.search(left)


_ACCORDING_LEFT = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.I)


_IN_PLACE = re.compile(r"^\s+in\s+(?:the\s+)?$")


_OWN_THING = (r"(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:systems?|networks?|servers?|environment|portals?|"
              r"infrastructure|pipeline|databases?|accounts?|platform|source code|code|"
              r"repositor(?:y|ies)|update (?:server|mechanism|system)|build \w+|back[- ]?end|"
              r"cloud|IT|computers?)\b")
_OWN_BREACH = fast(re.compile(
    r"\b(?:attackers?|hackers?|intruders?|(?:cyber)?criminals?|threat actors?|someone|"
    r"an? (?:unknown|unauthori[sz]ed|malicious) (?:party|user|third party|actor))\s+"
    r"(?:[\w-]+\s+){0,3}?(?:(?:gained|gaining|obtained|had|got)\s+(?:unauthori[sz]ed\s+)?"
    r"access\s+to|broke\s+into|breached|compromised|hacked|infiltrated|penetrated|tampered\s+"
    r"with|locked|encrypted|crippled)\s+(?:(?:part|parts|some|one|all)\s+of\s+)?its\s+" +
    _OWN_THING +
    r"|\bits\s+" + _OWN_THING + r"\s+(?:had|has|have)?\s*(?:been\s+|was\s+|were\s+)"
    r"(?:\w+\s+)?(?:compromised|breached|hacked|accessed|infiltrated|tampered\s+with)\b",
    re.I))


def _own_breach(doc: Doc, clusters: list[Cluster]) -> dict[int, int]:
    """Organisations whose own systems the text says were broken into ("an attacker had
    gained access to part of its software build environment"): ``id(cluster)`` -> count.
    "its" refers to the last organisation named before it in the sentence, else to the first
    one named in the sentence before ("Tillwise ... . The company said an attacker ...")."""
    text = doc_text(doc)
    sents = sentence_bounds(doc)
    starts = [a for a, _ in sents]
    mentions = sorted(((m.start, cl) for cl in clusters for m in cl.mentions
                       if cl.role != "attacker"), key=lambda x: x[0])
    out: dict[int, int] = {}
    for m in _OWN_BREACH.finditer(text):
        i = max(bisect.bisect_right(starts, m.start()) - 1, 0)
        a, b = sents[i] if sents else (0, len(text))
        before = [cl for pos, cl in mentions if a <= pos < m.start()]
        if not before and i > 0:
            pa, pb = sents[i - 1]
            before = [cl for pos, cl in mentions if pa <= pos < pb][:1]
        if before:
            cl = before[-1]
            out[id(cl)] = out.get(id(cl), 0) + 1
    return out


def _title_hit(title: str | None, forms: Iterable[str], cues: LanguageCues) -> float:
    """Attack evidence from a headline in another language ("Hackerangriff auf Stadtwerke X",
    "Truffa via email alla X", "X paralysés par une attaque")."""
    if not title or not cues.attack.search(title) and not _ATTACK_WORD.search(title):
        return 0.0
    for f in forms:
        if len(f) < 2:
            continue
        for a, b in word_spans(title, f):
            left, right = title[:a], title[b:]
            if any(p.search(left) for p in cues.victim_left) or any(
                    p.match(right) for p in cues.victim_right) or re.search(
                    r"\b(?:auf|gegen|contre|alla?|allo|ai|contro|contra|al|op|bij)\s+(?:die\s+|den\s+|"
                    r"das\s+|der\s+|la\s+|le\s+|les\s+|l['\u2019]|el\s+|het\s+|de\s+)?$", left, re.I):
                return 2.0
    return 0.0


def victim_score(doc: Doc, cl: Cluster, title: str | None,
                 hits: dict[int, float] | None = None,
                 cues: LanguageCues | None = None) -> float:
    """How strongly the article presents ``cl`` as the organisation its news happened to."""
    if cl.role == "attacker":
        return float("-inf")
    if hits is None:
        hits = _mention_hits(doc, [cl], cues)
    sents = sentence_bounds(doc)
    lead_end = sents[min(1, len(sents) - 1)][1] if sents else 0
    attack = min(sum(hits.get(id(m), 0.0) for m in cl.mentions), 6.0)
    cl.evidence["best_hit_pre"] = max((hits.get(id(m), 0.0) for m in cl.mentions), default=0.0)
    title_hit = _title_hit(title, cl.forms, cues) if cues is not None else _english_title_hit(
        title, cl.forms, doc_memo(doc).get("title_forms", ()))
    attack = min(attack + title_hit, 6.0)
    near = 0
    for m in cl.mentions:
        _, _, sent, s_start = _contexts(doc, m)
        near += _sent_attack(doc, s_start, sent, cues)
    score = attack + 0.75 * min(near, 4)
    if _in_title(title, cl.forms):
        score += 2.5
    if cl.first < lead_end:
        score += 1.5
    score += 0.3 * min(len(cl.mentions), 8)
    ev = cl.evidence
    own = ev.get("own_breach", 0)
    attack = min(attack + 3.0 * own, 6.0)
    score += 3.0 * min(own, 2)
    # a vendor whose own systems were broken into is the victim: no vendor penalty
    score -= 2.0 * min(ev.get("security_firm", 0), 3) + (0.0 if own else 2.0) * min(
        ev.get("vendor", 0), 3)
    score -= 2.0 * min(ev.get("media", 0), 2) + 1.5 * min(ev.get("lure", 0), 3)
    if ev.get("prior"):
        # (or listed among plainly attacked organisations: "disrupting car factories, global
        # shipper X and Britain's National Health Service")
        listed = doc_memo(doc).get("listed", ())
        plain_hit = cl.evidence.get("best_hit_pre", 0) >= 3 or (
            cl.evidence.get("best_hit_pre", 0) >= 2 and any(id(m) in listed and hits.get(
                id(m), 0.0) >= 2 for m in cl.mentions))
        score -= {"security_firm": 4.0,
                  # a broadcaster or publisher plainly named as hit ("clients including the
                  # BBC were affected") likewise; one that reports or is told stays out
                  "media": 1.0 if plain_hit else 5.0,
                  # an agency plainly named as the one hit ("The UK's National Health Service
                  # was particularly badly hit") keeps most of its score
                  "authority": 1.0 if plain_hit else 3.0,
                  "vendor": 0.0 if own else 3.0}.get(ev["prior"], 0.0)
    else:  # a role guessed from a word of the name ("Defense Point Security", "Free Press")
        score -= {"security_firm": 2.0, "media": 2.0, "authority": 2.0}.get(ev.get("named"), 0.0)
    if attack == 0:
        score -= 1.0
    cl.evidence["attack"] = attack
    cl.evidence["best_hit"] = max((hits.get(id(m), 0.0) for m in cl.mentions), default=0.0)
    cl.evidence["title_hit"] = title_hit
    return score


_PART_LEFT = re.compile(r"\b(?:its|their)\s+$", re.I)
_VULN_STORY = fast(re.compile(r"\b(?:vulnerabilit|flaws?\b|bugs?\b|patch|zero-day|0-day|CVE-|"
                         r"security hole|exploitable)", re.I))
_INCIDENT_STORY = fast(re.compile(r"\b(?:breach|hacked|hackers? (?:stole|hit|broke)|stole|stolen|"
                             r"ransom|leak|exposed|compromised|phish|scam|infected|intrusion|"
                             r"held hostage|attacks? (?:on|against)|targeted|hit by|victim)", re.I))


def _reports_incident(doc: Doc, title: str | None, cues: LanguageCues | None = None) -> bool:
    """The headline or the lead speaks of an attack, a breach or an exposure (and is not a
    vulnerability or patch story without one)."""
    sents = sentence_bounds(doc)[:3]
    lead = (title or "") + " " + " ".join(doc_text(doc)[a:b] for a, b in sents)
    if _VULN_STORY.search(lead) and not _INCIDENT_STORY.search(lead):
        return False
    return _attack_in(lead, cues)


_AS_LEFT = re.compile(r"\bas\s+(?:the\s+)?$", re.I)
_FOUND_RIGHT = re.compile(r"^(?:['\u2019]s\s+\w+)?\s+(?:(?:has|have|had)\s+)?(?:found|learned|"
                          r"discovered|experienced|can attest|knows)\b", re.I)


def _famed_or_listed(left: str, right: str) -> bool:
    """A famous past incident, or several named together, as a comparison: "the highly
    publicized Yahoo and LinkedIn breaches", "the infamous X hack", "the X and Y hacks"; "as
    the city of X found this year" (another's experience)."""
    if _AS_LEFT.search(left) and _FOUND_RIGHT.match(right):
        return True
    inc = INCIDENTS_RIGHT.match(right)
    if not inc:
        return False
    if FAMED_LEFT.search(left):
        return True
    listed = LISTED_LEFT.search(left)
    return bool(listed and inc.group(2) and (listed.group(1).strip() or inc.group(1).strip()))


def pick_victims(doc: Doc, clusters: list[Cluster], title: str | None, threshold: float,
                 ratio: float, max_victims: int,
                 cues: LanguageCues | None = None) -> list[Cluster]:
    """Mark the victims (role "victim") and return them.

    Victims are the organisations with attack evidence scoring at least ``threshold`` and at
    least ``ratio`` times the best score; when none reaches it but the article reports an
    incident, the most salient organisation that is not a known security firm, vendor,
    authority or media outlet is taken if it scores at least half the threshold."""
    hits = _mention_hits(doc, clusters, cues)
    own = _own_breach(doc, clusters)
    doc_memo(doc)["title_forms"] = [f for c in clusters for f in c.forms if len(f) >= 2]
    sents = sentence_bounds(doc)
    lead_end = sents[min(1, len(sents) - 1)][1] if sents else 0
    for cl in clusters:
        cl.evidence["own_breach"] = own.get(id(cl), 0)
        longest = max(len(m.text.split()) for m in cl.mentions)  # its first full mention
        first = min((m for m in cl.mentions if len(m.text.split()) == longest),
                    key=lambda m: m.start)
        left, right, sent, _ = _contexts(doc, first)
        cl.evidence["background_first"] = float(not _in_title(title, cl.forms) and (
            (first.start >= lead_end and bool(BACKGROUND_STRONG.search(sent)))
            or bool(BACKGROUND_AT_RIGHT.match(right) or BACKGROUND_AT_LEFT.search(left))
            or (cues is None and _famed_or_listed(left, right))))
        # introduced with a possessive ("members of its Election Committee", "their IT
        # Department"): a part of an organisation named before, not a victim of its own
        earliest = min(cl.mentions, key=lambda m: m.start)
        cl.evidence["part"] = float(cues is None and bool(_PART_LEFT.search(
            _contexts(doc, earliest)[0])) and not _in_title(title, cl.forms))
        if cues is None and _title_lure(title, cl.forms):
            cl.evidence["lure"] = cl.evidence.get("lure", 0.0) + 1  # "Fake X receipt spreads"
        cl.victim_score = victim_score(doc, cl, title, hits, cues)
        raw = doc_memo(doc).get("raw_hits", {})
        cl.evidence["raw_hit"] = max((raw.get(id(m), 0.0) for m in cl.mentions), default=0.0)
        hypo = doc_memo(doc).get("hypothetical", ())
        cl.evidence["hypothetical"] = float(sum(id(m) in hypo for m in cl.mentions))
        # attacked only in background sentences ("Over the past few years, retailers such as X
        # have battled malware"), never in the headline or the lead: a comparison
        hit_sents = [_contexts(doc, m)[3:1:-1] for m in cl.mentions if raw.get(id(m), 0.0) >= 2]
        cl.evidence["background_only"] = float(
            bool(hit_sents) and all(_sentence_flag(doc, "background_strong", a, t,
                                                   BACKGROUND_STRONG.search)
                                    for a, t in hit_sents)
            and cl.first >= lead_end and not _in_title(title, cl.forms))
        # named only as the first part of a compound modifier ("Internet-exposed servers")
        cl.evidence["modifier_only"] = float(all(
            _MODIFIER_HYPHEN.match(doc_text(doc)[m.end:m.end + 2]) for m in cl.mentions))
    incident = _reports_incident(doc, title, cues)

    def eligible(c: Cluster) -> bool:
        ev = c.evidence
        if c.role == "attacker" or (ev.get("vendor") and ev.get("attack", 0) < 3
                                    and not ev.get("own_breach")):
            return False  # vendors of a flawed product are victims only with strong evidence
        if ev.get("background_first") or ev.get("background_only") or ev.get("modifier_only"):
            return False  # first named in a background incident ("Elsewhere, X was hit")
        if ev.get("personal_account") and ev.get("best_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # "his account at X was taken over": the platform of one user
        if ev.get("part"):
            return False  # a part of another organisation ("its Election Committee")
        if ev.get("hypothetical") and ev.get("best_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # attacked only in what a flaw would allow
        if _description_only(c.name):
            return False  # "a second UK university has been hit": a description
        if ev.get("tool") and ev.get("best_hit", 0) < 3:
            return False  # a search engine used to find exposed systems, not one of them
        if (ev.get("product_use") or ev.get("threat_name", 0) >= max(1.0, len(c.mentions) / 2)
                or (_vuln_article(doc) and ev.get("product_name", 0) >= max(1.0, len(
                    c.mentions) / 2))) and not ev.get("own_breach"):
            return False  # "thousands of X databases", "the X flaw": a product or a threat
        if ev.get("product_of", 0) >= len(c.mentions) and not ev.get("own_breach"):
            return False  # a product named through its maker ("the Clash of Clans creator")
        if ev.get("lure") and ev.get("best_hit", 0) < 3 and not ev.get("own_breach"):
            return False  # a brand used as bait ("a fake X login page") is no victim
        strongest = max(ev.get("best_hit", 0), ev.get("title_hit", 0))
        if ev.get("prior") == "vendor" and not ev.get("own_breach") and (
                strongest < 3 if _vuln_article(doc) else strongest < 2 and ev.get("attack", 0) < 3):
            return False  # a big vendor: its product's flaw or a mere mention is no attack on it
        if ev.get("security_firm") and ev.get("best_hit", 0) < (
                3 if ev["security_firm"] >= 2 else 2) and not ev.get("own_breach"):
            return False  # a firm reporting or commenting ("according to a report by X")
        if c.labels <= {"GPE"} and not _PUBLIC_BODY_NAME.search(c.name) and (
                ev.get("best_hit", 0) < 2 or _known_place(c)):
            return False  # a place ("Tasmania"), unless named as a body ("city of X"); a
            # name the NER took for a place but no place is, plainly attacked, is a victim
            # ("providers caught by the breach include Altel, Celcom, DiGi")
        if ev.get("prior") in {"authority", "security_firm", "media"} and ev.get(
                "best_hit", 0) < (2 if ev.get("prior") == "authority" else 3):
            return False  # a well-known agency or firm is a victim only when plainly attacked
        if not incident and ev.get("raw_hit", 0) < 2 and not ev.get("own_breach"):
            return False  # no incident reported: a victim needs a plain victim pattern
        # in a vulnerability story, the vendor and the researchers are not victims
        return incident or not (ev.get("prior") == "vendor" or ev.get("security_firm"))

    ranked = sorted((c for c in clusters if eligible(c)), key=lambda c: -c.victim_score)
    # (review fixes, session 7) the attacks a suspect is named for in the first sentence, with
    # no other organisation plainly hit, are this article's incident ("A Russian national who
    # is a suspect in attacks on X and Y was extradited"): every name of that list is a victim
    first_end = sents[0][1] if sents else 0
    attributed = {k: v for k, v in doc_memo(doc).get("attributed", {}).items()
                  if any(id(m) == k and m.start < first_end for c in clusters
                         for m in c.mentions)}
    if attributed and not any(c.victim_score >= threshold and c.evidence.get("attack")
                              for c in ranked):
        for k, v in attributed.items():
            hits[k] = max(hits.get(k, 0.0), v)
        for cl in clusters:
            if any(id(m) in attributed for m in cl.mentions):
                cl.victim_score = victim_score(doc, cl, title, hits, cues)
        ranked = sorted((c for c in clusters if eligible(c)), key=lambda c: -c.victim_score)
    if not ranked:
        return []
    top = ranked[0]
    chosen = [c for c in ranked if c.victim_score >= threshold and c.evidence.get("attack")]
    if chosen:
        best = chosen[0].victim_score
        chosen = [c for c in chosen if c.victim_score >= ratio * best
                  or c.evidence.get("best_hit", 0) >= 2][:max_victims]
        # the other eligible members of a round-up list that names a victim are victims too,
        # whatever their standing ("affected institutions including the Health Service
        # Executive, the National Health Service in the UK, FedEx and ...": the NHS, a public
        # body, scores low on its name alone)
        listed = doc_memo(doc).get("listed", set())
        lists = {sentence_at(doc, m.start)[0] for c in chosen for m in c.mentions
                 if id(m) in listed}
        if lists:
            chosen += [c for c in ranked if c not in chosen and c.evidence.get("best_hit", 0) >= 2
                       and any(id(m) in listed and sentence_at(doc, m.start)[0] in lists
                               for m in c.mentions)][:max(0, max_victims - len(chosen))]
    elif (top.victim_score >= threshold / 3 and incident
          # salient enough to be the story's subject: named in the headline or the lead (not
          # a tool, a malware family or a reporting site first named further down)
          and (top.first < lead_end or _in_title(title, top.forms))
          and top.evidence.get("prior") not in {"security_firm", "vendor", "authority", "media",
                                                "other"}
          and top.evidence.get("named") not in {"authority", "security_firm", "media"}
          and not any(top.evidence.get(k) for k in ("lure", "security_firm", "vendor", "media",
                                                     "adviser", "expert", "source"))
          # not a product or a game ("Avid World of Warcraft players are being targeted")
          and top.evidence.get("product_name", 0) < max(1.0, len(top.mentions) / 2)
          # the most salient organisation of all: not when a better one was ruled out for its
          # role (an agency plainly named as the target, a vendor, a firm)
          and top.victim_score >= max(c.victim_score for c in clusters if not (
              c.evidence.get("background_first") or c.evidence.get("part")))
          and not any(c.evidence.get("lure") for c in clusters)):
        # (not in a brand-impersonation story: its victims are the people fooled)
        chosen = [top]
        top.evidence["fallback"] = 1.0
        chosen += _coordinated_with(doc, top, ranked)
    for c in chosen:
        c.role = "victim"
    return chosen


_EXAMPLES_LEFT = re.compile(r"\b(?:such as|including|like|for)\s+(?:the\s+)?$", re.I)


def _coordinated_with(doc: Doc, top: Cluster, ranked: list[Cluster]) -> list[Cluster]:
    """(review fixes, session 7) The eligible organisations listed with the salience victim's
    first mention share its standing: "Ransomware encrypted Ashvale Council and Brindley
    Council servers" makes both victims, not the first one only."""
    text = doc_text(doc)
    owner = {id(m): c for c in ranked for m in c.mentions}
    ms = sorted((m for c in ranked for m in c.mentions), key=lambda m: m.start)
    i = next((k for k, m in enumerate(ms) if owner[id(m)] is top), None)
    if i is None:
        return []
    j = i
    while j > 0 and _LIST_SEP_LOOSE.match(text[ms[j - 1].end:ms[j].start]):
        j -= 1
    k = i
    while k + 1 < len(ms) and _LIST_SEP_LOOSE.match(text[ms[k].end:ms[k + 1].start]):
        k += 1
    a, b = sentence_at(doc, ms[i].start)
    if not _attack_in(text[a:ms[j].start] + " " + text[ms[k].end:b], None):
        return []  # "seen by observers such as X, Y and Z": no attack said of the list
    if _EXAMPLES_LEFT.search(text[max(a, ms[j].start - 40):ms[j].start]):
        return []  # "hosts email for clients such as X and Y": examples, not the ones hit
    found: list[Cluster] = []
    for m in ms[j:k + 1]:
        c = owner[id(m)]
        if c is not top and all(c is not f for f in found):
            found.append(c)
    return found


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


# ----------------------------------------------------------------------------- the component
_PUBLIC_BODY_NAME = re.compile(r"\b(?:County|City|Council|Borough|Township|Municipality|"
                               r"[Cc]ity of|[Tt]own of|[Ss]tate of|[Cc]ounty of)\b")


_PLACE_STAFF_RIGHT = re.compile(
    r"^['\u2019]s\s+(?:[\w-]+\s+){0,2}?(?:director|officials?|spokes\w+|mayor|manager|"
    r"administrator|clerk|council|city council|IT department|staff|employees)\b", re.I)


_PLACES: list[frozenset[str] | None] = []


def _place_set() -> frozenset[str] | None:
    """The place gazetteer's names (``entities.place_names``), read once; None when absent."""
    if not _PLACES:
        try:
            from pipeline.nlp.entities import place_names
            _PLACES.append(place_names()[0])
        except Exception:  # noqa: BLE001 - no gazetteer: every GPE is taken for a place
            _PLACES.append(None)
    return _PLACES[0]


# a place locating something else ("Midland in Ontario was hit", "a company based in Linz") or
# qualifying a plural noun ("data leaks at Long Island companies"): not the one attacked
_PLACE_OF_LEFT = re.compile(r"\b(?:in|based in|across|throughout|around)\s+(?:the\s+)?$", re.I)
_PLACE_MODIFIER_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:[\w-]+\s+)?(?:companies|businesses|firms|hospitals|schools|banks|"
    r"residents|citizens|taxpayers|voters|consumers|users|customers|patients|households|homes|"
    r"retailers|stores|shops|universities|organi[sz]ations|institutions|employers|"
    r"municipalities|towns|cities|counties)\b", re.I)


def _place_mention(m: Candidate) -> bool:
    """The mention's own words name a place (the place gazetteer or our place words; without
    the gazetteer, a GPE entity)."""
    places = _place_set()
    k = org_key(m.text)
    if places is None:
        return m.label == "GPE" or k in GEO_NAMES
    return m.text.lower() in places or k in places or k in GEO_NAMES


_PUBLIC_BODY_HEADS = frozenset("""council district county borough police constabulary
municipality township parish board""".split())


def _description_only(name: str) -> bool:
    """A description, not a name: places or nationalities before a lower-case head noun ("UK
    university", "U.S. e-commerce", "Florida school district", "German HR companies"); not
    "city of X" and not a name with any other capitalised word ("Florida Keys school
    district")."""
    words = name.replace("\u2019", "'").split()
    if len(words) < 2 or not words[-1].replace("-", "").isalpha() or not words[-1].islower() \
            or " of " in name:
        return False
    places = _place_set() or frozenset()
    caps = [w for w in words if w[:1].isupper()]
    if not caps:
        return False
    if words[-1].lower().rstrip("'s") in _PUBLIC_BODY_HEADS:
        # (review fixes, session 7) a town or city + public-body noun is its name ("Westbury
        # school district", "Leicester city council", "Oldham council"); only a country, a
        # state or a nationality before it describes ("Florida school district")
        places = frozenset()
    for w in caps:
        w = re.sub(r"'s?$", "", w)
        low = w.lower()
        if not (low in places or low.replace(".", "") in GEO_NAMES or low in DEMONYMS or
                low in _NATIONAL or (w.isupper() and len(w) <= 4 and not w.replace(".", "").isalpha())
                or (w.isupper() and low in {"hr", "it", "ict"})):
            return False
    return True


def _known_place(cl: Cluster) -> bool:
    """A form of the cluster is in the place gazetteer (or our place words)."""
    places = _place_set()
    if places is None:
        return True
    return any(f.lower() in places or org_key(f) in places or org_key(f) in GEO_NAMES
               for f in cl.forms)


def _demonym(word: str) -> bool:
    """A nationality word: a known one, or a country or state + -ian/-ean ("argentinian",
    "bulgarian"; not "guardian": the full place gazetteer holds too many common words)."""
    if word in DEMONYMS:
        return True
    if len(word) < 7 or not word.endswith(("ian", "ean")):
        return False
    stems = ({word[:-1], word[:-3], word[:-3] + "a"} if word.endswith("ian")
             else {word[:-3] + "e"})
    return any(st in GEO_NAMES for st in stems)


def _keep(cl: Cluster) -> bool:
    """Places are listed only when they act as an organisation (victim, a named body, or a
    town whose officials speak: "Newark's safety director"); peoples ("South Koreans") never."""
    if _description_only(cl.name):
        return False  # "UK university", "U.S. e-commerce" (a description, not a name)
    words = org_key(cl.name).split()
    if words and words[-1].endswith("s") and _demonym(words[-1][:-1]) and all(
            w in GEO_NAMES or _demonym(w) for w in words[:-1]):
        return False
    if words and all(_demonym(w) for w in words) and any(w not in DEMONYMS for w in words):
        return False  # "Saudi Arabian" (a nationality the NER took for a name)
    if cl.labels <= {"GPE"}:
        ev = cl.evidence
        return cl.role == "victim" or bool(_PUBLIC_BODY_NAME.search(cl.name)) or bool(
            ev.get("acts")) or (  # a name the NER took for a place but no place is, in an
            # organisation's context: "Cathay Pacific both admitting", "printers from Konica"
            (ev.get("raw_hit", 0) >= 2 or any(ev.get(k) for k in (
                "vendor", "security_firm", "media", "lure"))) and not _known_place(cl))
    return True


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for it in items:
        k = it.casefold()
        if k not in seen:
            seen.add(k)
            out.append(it)
    return out


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
