"""People that ``incident_orgs`` must not take for organisations.

``person_names(doc)`` gives the full names the text presents as people (after a speech verb
or a job title: "explains analyst Sanne Verhoeven"; before an apposition with a job title:
"Leah Morrison, a researcher at"); ``_surnames`` the last words of person-shaped runs ("Cox
said" after "Richard Cox"); ``_person_runs`` capitalised runs next to a job title or a speech
verb. ``_AFFILIATION_LEFT`` / ``_AFFILIATION_RIGHT`` find a mention named as someone's
employer ("a researcher at X", "X's chief executive"). All computed once per Doc.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_doc import (
    doc_ents, doc_tokens, _lower_elsewhere, _over_trimmed_runs, pattern_matches, _PERSON_RUNS_KEY,
    _PERSONS_KEY, sentence_at, _SURNAMES_KEY,
)
from pipeline.nlp.org_lexicon import (
    CONTEXT_ROLE_WORDS, GEO_NAMES, LanguageCues, NOT_NAMES, ORG_HEADS, ROLE_WORDS,
)
from pipeline.nlp.org_names import _KNOWN_AS, org_key
from pipeline.regex_prefix import fast


def _surnames(doc: Doc) -> set[str]:
    """Last words of person-like runs: two or three capitalised words without an organisation
    head ("Richard Cox") -- "Cox said" is then a person, not an organisation (over the trimmed
    runs of the Doc, computed once per Doc)."""
    return _over_trimmed_runs(doc, _SURNAMES_KEY, _find_surnames)


def _find_surnames(doc: Doc, runs: list[tuple[int, int]]) -> set[str]:
    tt = doc_tokens(doc)
    out = set()
    lower = _lower_elsewhere(doc)
    for s, e in runs:
        words = [i for i in range(s, e) if tt.text[i].isalpha()]
        if 2 <= len(words) <= 3 and e - s == len(words) and not any(
                tt.lower[i] in ORG_HEADS or tt.lower[i] in lower or tt.lower[i] in NOT_NAMES
                or tt.lower[i] in GEO_NAMES for i in words) and all(
                tt.text[i].istitle() for i in words):
            out.add(tt.text[words[-1]])
    for ent in doc_ents(doc):  # full names only: one-word PERSON tags are unreliable ("Kmart")
        if ent.label_ == "PERSON" and len(ent) > 1 and not any(
                tt.lower[i] in ORG_HEADS for i in range(ent.start, ent.end)):
            out.add(tt.text[ent.end - 1])
    return out


def _one_word_persons(doc: Doc) -> set[str]:
    """One-word PERSON entities that the NER never tags as an organisation."""
    org_texts = {e.text for e in doc_ents(doc) if e.label_ == "ORG"}
    return {e.text for e in doc_ents(doc) if e.label_ == "PERSON" and len(e) == 1
            and e.text not in org_texts}


_ROLE_RE = r"(?:" + "|".join(sorted(ROLE_WORDS | {"chief", "senior", "vice", "head"})) + r")"
_PERSON_LEFT = re.compile(rf"(?:\b{_ROLE_RE},?\s+|\b(?:said|says|told|according to|commented|"
                          rf"explained|added|noted|wrote|warned|asked)\s+)$", re.I)
_PERSON_RIGHT = re.compile(rf"^(?:,\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){{0,2}}"
                           rf"{_ROLE_RE}\b|\s+(?:said|says|told|explained|added|wrote)\b)", re.I)
_AFFILIATION_LEFT = re.compile(
    rf"\b{_ROLE_RE}\s+(?:[\w-]+\s+){{0,3}}?(?:at|of|for|with|from)\s+(?:the\s+)?$", re.I)
_AFFILIATION_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:chief|ceo|cto|ciso|cfo|coo|president|founder|spokes\w+|"
    r"officials?|executives?|employees|staff|director)\b", re.I)
_SPACE_DASH = re.compile(r"[ -]")
_NAME_RE = r"([A-Z][a-z]+(?:[ -](?:van |de |der |von |da |di |le )?[A-Z][a-z'\u2019-]+){1,2})"
_HONORIFIC = r"(?:(?:Dr|Prof|Mr|Mrs|Ms|Professor)\.?\s+)?"
_FOREIGN_NAME = re.compile(r"(?<![\w-])[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+(?:[ -][A-Z\u00c0-\u00de]"
                           r"[a-z\u00df-\u00ff'\u2019-]+){1,2}(?![\w-])")
# "said Jeff Greene", "explains analyst Sanne Verhoeven", "Tillwise chief executive Fiona
# Garrity" (left of the name); "Marcus Feld, CTO of", "Leah Morrison, a researcher at" (right)
_NAME_SHAPE = re.compile(rf"(?<![\w-]){_HONORIFIC}{_NAME_RE}(?![\w-])")
# (not after an auxiliary: "the gang has added X to its leak site", "had warned X": an object)
_PERSON_NAME_LEFT = re.compile(
    r"(?:\b(?<!has )(?<!had )(?<!have )(?<!been )(?<!was )"
    r"(?:said|says|told|tells|explains|explained|adds|added|notes|noted|writes|"
    r"wrote|warns|warned|comments|commented|argues|argued|asks|asked|insists|"
    r"insisted|according to)\s+(?:(?:the\s+|an?\s+)?(?:[a-z-]+\s+){0,3}?"
    rf"(?i:{_ROLE_RE})\s+)?|\b(?<![A-Z])(?i:{_ROLE_RE})\s+)$")
_PERSON_APPOSITION = re.compile(rf",\s+(?:(?:the|a|an|its|their)\s+)?"
                                rf"(?:[\w-]+\s+){{0,3}}?(?i:{_ROLE_RE})\b")


def person_names(doc: Doc, gazetteer: "RoleGazetteer | None" = None,
                 cues: LanguageCues | None = None) -> frozenset[str]:
    """Full names of people the text presents as people (after a speech verb or a job title,
    before an apposition with a job title), computed once per Doc. Names with an organisation
    head, a place or a known organisation are left out."""
    cached = doc.user_data.get(_PERSONS_KEY)
    if cached is not None:
        return cached
    text = doc_text(doc)
    out = set()
    found = []
    for m in _NAME_SHAPE.finditer(text):
        if _PERSON_APPOSITION.match(text, m.end(), m.end() + 80) or (
                _PERSON_NAME_LEFT.search(text[max(0, m.start() - 60):m.start()])
                and not re.match(r"\s+[A-Z&]", text[m.end():m.end() + 2])):
            found.append(m.group(1))
    if cues is not None:  # "ha dichiarato Federica Conti, analista della ..."
        for m in _FOREIGN_NAME.finditer(text):
            left = text[max(0, m.start() - 60):m.start()]
            right = text[m.end():m.end() + 60]
            if any(p.search(left) for p in cues.person_left) or (
                    cues.person_right is not None and cues.person_right.match(right)):
                found.append(m.group(0))
    named_orgs = {g for m in pattern_matches(doc, _KNOWN_AS) for g in m.groups() if g}
    for name in found:
        if not any(name in n for n in named_orgs):
            words = [w.lower() for w in _SPACE_DASH.split(name)]
            if any(w in ORG_HEADS or w in GEO_NAMES or w in NOT_NAMES or w in ROLE_WORDS
                   or w in CONTEXT_ROLE_WORDS or (cues is not None and w in cues.name_words)
                   for w in words):
                continue
            if gazetteer is not None and gazetteer.role(org_key(name)):
                continue
            out.add(name)
    cached = doc.user_data[_PERSONS_KEY] = frozenset(out)
    return cached


def _person_surnames(doc: Doc) -> set[str]:
    return {_SPACE_DASH.split(n)[-1] for n in person_names(doc)}


def _person_shaped(doc: Doc, s: int, e: int, no_place: bool = False) -> bool:
    """Two or three title-case words without an organisation head ("Ben Martin"); with
    ``no_place`` also without a place name ("Fort Worth")."""
    tt = doc_tokens(doc)
    return 2 <= e - s <= 3 and all(tt.text[i].isalpha() and tt.text[i].istitle()
                                   for i in range(s, e)) and not any(
        tt.lower[i] in ORG_HEADS or (no_place and tt.lower[i] in GEO_NAMES)
        for i in range(s, e))


def _person_runs(doc: Doc) -> set[tuple[int, int]]:
    """Two or three capitalised words without an organisation head next to a job title or
    a speech verb: "said Jeff Greene", "Ken Munro, founder of" -- people, not organisations
    (over the trimmed runs of the Doc, computed once per Doc)."""
    return _over_trimmed_runs(doc, _PERSON_RUNS_KEY, _find_person_runs)


_ALONE_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.? ([A-Z][\w'-]+)|(?:^|(?<=[.;:!?\"\u201d]\s)|(?<=\n))"
    r"([A-Z][a-z][\w'-]+) (?:said|says|told|added|explained|noted|wrote)\b|"
    r"(?:said|says|told|added|explained|noted|wrote) ([A-Z][a-z][\w'-]+)[.,]", re.M)


_ALONE_ANCHORS = ("Mr", "Ms", "Dr", "Prof", "said", "says", "told", "added", "explained",
                  "noted", "wrote")
_ALONE_VERBS_AFTER = (" said", " says", " told", " added", " explained", " noted", " wrote")


def _alone_surname_matches(text: str) -> list[re.Match]:
    """``_ALONE_SURNAME.finditer(text)``, trying the pattern only where a match can start:
    at a title ("Mr") or a speech verb, or at the start of the word run (letters, digits,
    "_", "'", "-") that ends right before " said" (the pattern's "Harmer said" branch starts
    a sentence or line, so no earlier character of that run can begin it)."""
    starts: set[int] = set()
    for a in _ALONE_ANCHORS:
        i = text.find(a)
        while i >= 0:
            starts.add(i)
            i = text.find(a, i + 1)
    for a in _ALONE_VERBS_AFTER:
        i = text.find(a)
        while i >= 0:
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_'-"):
                k -= 1
            starts.add(k)
            i = text.find(a, i + 1)
    out, end, match = [], 0, _ALONE_SURNAME.match
    for p in sorted(starts):
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


def _find_person_runs(doc: Doc, runs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set()
    text = doc_text(doc)
    tt = doc_tokens(doc)
    # surnames used alone as people: "Harmer said", "Mr Harmer"
    alone = {m.group(1) or m.group(2) or m.group(3) for m in _alone_surname_matches(text)}
    for s, e in runs:
        if not 2 <= e - s <= 3 or any(tt.lower[i] in ORG_HEADS or not tt.text[i].isalpha()
                                      for i in range(s, e)):
            continue
        start_char, end_char = tt.char_span(s, e)
        sent_start, sent_end = sentence_at(doc, start_char)
        left = text[max(sent_start, start_char - 40):start_char]
        right = text[end_char:min(sent_end, end_char + 60)]
        if _PERSON_LEFT.search(left) or _PERSON_RIGHT.match(right) or tt.text[e - 1] in alone:
            out.add((s, e))
    return out


# context patterns that begin with literal words run only where those words occur
_PERSON_LEFT, _AFFILIATION_LEFT = map(fast, (_PERSON_LEFT, _AFFILIATION_LEFT))


__all__ = ["person_names"]
