"""Step 2 of ``incident_orgs``: one ``Cluster`` per real organisation.

``cluster_mentions(cands, gazetteer, text)`` groups the candidates by ``org_key`` equality,
"Name (ACR)", acronyms by initials, short forms that are a prefix of a longer name and
gazetteer aliases. ``used_as_person`` finds a one-word "organisation" that the text uses as a
person (it speaks and "he"/"she" refers to it: "according to Diachenko. He said ...").
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_context import _contexts
from pipeline.nlp.org_doc import Candidate, doc_ents, sentence_bounds
from pipeline.nlp.org_lexicon import ORG_HEADS
from pipeline.nlp.org_names import (
    _acronym_head, _acronym_of, _is_acronym, _is_unit_tail, KNOWN_AS_ALIAS, org_key, PARENS_AFTER,
    RoleGazetteer, _word_initials,
)


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


_FORCE_HEADS = frozenset({"police", "constabulary", "fire", "sheriff", "sheriffs"})


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
            if len(ot) > len(toks) and ot[:len(toks)] == toks and not _is_unit_tail(ot[len(toks):]) \
                    and not (ot[len(toks)] in _FORCE_HEADS and by_key[k].labels <= {"GPE"}):
                # (a place named alone is no short form of its police or fire service: "A
                # Kent hospital trust", "Delhi's X Hospital" are not "Kent Police")
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


__all__ = ["Cluster", "cluster_mentions", "used_as_person"]
