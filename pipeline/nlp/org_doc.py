"""Per-Doc views that the ``incident_orgs`` rules read, computed once per Doc.

``Candidate`` is one organisation mention (character offsets into ``doc_text(doc)``). The
views are kept in ``doc.user_data`` under ``incident_orgs.*`` keys and dropped by
``clear_doc_cache`` when the component is done: entities (``doc_ents``), sentence bounds
(``sentence_bounds``, ``sentence_at``), plain token lists (``doc_tokens``), capitalised runs
("Bank of America", cut at job titles and trimmed of non-name words: ``_runs``,
``_trimmed_runs``), words the text also writes in lower case (``_lower_elsewhere``), regex
matches (``pattern_matches``) and a memo for per-sentence results (``doc_memo``).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from pipeline.nlp.doc_cache import doc_text
from pipeline.nlp.org_lexicon import (
    ACRONYM_STOP, AUTHORITY_WORDS, CONNECTORS, CONTEXT_ROLE_WORDS, CORPORATE_TITLES,
    DEPARTMENT_WORDS, GEO_NAMES, NOT_NAMES, ORG_HEADS, ROLE_WORDS, TITLE_MODIFIERS,
)
from pipeline.nlp.org_names import _is_acronym, LEGAL_SUFFIXES


# ----------------------------------------------------------------------------- data types
@dataclass
class Candidate:
    """One organisation mention in the text (character offsets into ``doc_text(doc)``)."""

    start: int
    end: int
    text: str
    label: str = "ORG"
    hint: str = ""
    source: str = "ent"


# ----------------------------------------------------------------------------- sentences
_SENTS_KEY = "incident_orgs.sentences"


_ENTS_KEY = "incident_orgs.ents"


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy builds new spans on every access)."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the sentences, computed once per Doc (``Span.sent`` walks the Doc
    on every call)."""
    bounds = doc.user_data.get(_SENTS_KEY)
    if bounds is None:
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        doc.user_data[_SENTS_KEY] = bounds
    return bounds


_RUNS_KEY = "incident_orgs.runs"
_LOWER_KEY = "incident_orgs.lower"
_STARTS_KEY = "incident_orgs.sentence_starts"
_TOKENS_KEY = "incident_orgs.tokens"
_TRIMMED_KEY = "incident_orgs.trimmed_runs"
_PERSON_RUNS_KEY = "incident_orgs.person_runs"
_SURNAMES_KEY = "incident_orgs.surnames"
_MATCHES_KEY = "incident_orgs.matches"
MEMO_KEY = "incident_orgs.memo"  # small per-Doc results of the role and victim steps


def clear_doc_cache(doc: Doc) -> None:
    """Drop the per-Doc caches (sentence bounds, tokens, capitalised runs, lower-case words,
    people, pattern matches, memos; the text stays with :func:`doc_cache.doc_text`)."""
    for key in (_SENTS_KEY, _RUNS_KEY, _LOWER_KEY, _PERSONS_KEY, _ENTS_KEY,
                _STARTS_KEY, _TOKENS_KEY, _TRIMMED_KEY, _PERSON_RUNS_KEY, _SURNAMES_KEY,
                _MATCHES_KEY, MEMO_KEY):
        doc.user_data.pop(key, None)


def doc_memo(doc: Doc) -> dict:
    """A per-Doc dict for results computed once per sentence or per Doc (dropped by
    :func:`clear_doc_cache`)."""
    memo = doc.user_data.get(MEMO_KEY)
    if memo is None:
        memo = doc.user_data[MEMO_KEY] = {}
    return memo


def pattern_matches(doc: Doc, pattern: re.Pattern) -> list[re.Match]:
    """``pattern.finditer(doc_text(doc))`` as a list, scanned once per Doc and pattern."""
    cache = doc.user_data.get(_MATCHES_KEY)
    if cache is None:
        cache = doc.user_data[_MATCHES_KEY] = {}
    found = cache.get(pattern)
    if found is None:
        found = cache[pattern] = list(pattern.finditer(doc_text(doc)))
    return found


class TokenTable:
    """Plain per-token lists of a Doc (text, lower case, character offset, trailing space,
    sentence start, capitalised) and the token bounds of its sentences, built once per Doc
    from arrays: the rules read these instead of creating spaCy ``Token`` objects."""

    __slots__ = ("text", "lower", "idx", "ws", "sent_start", "cap", "sents")

    def __init__(self, doc: Doc) -> None:
        text = doc_text(doc)
        if len(doc):
            arr = doc.to_array([IDX, LENGTH, SPACY, SENT_START])
            idx = arr[:, 0].tolist()
            lengths = arr[:, 1].tolist()
            self.ws = [bool(v) for v in arr[:, 2].tolist()]
            self.sent_start = [v == 1 for v in arr[:, 3].tolist()]  # Token.is_sent_start
        else:
            idx, lengths, self.ws, self.sent_start = [], [], [], []
        self.idx = idx
        self.text = [text[a:a + n] for a, n in zip(idx, lengths)]
        self.lower = [t.lower() for t in self.text]  # spaCy's LOWER is str.lower
        self.cap = [_cap_text(t) for t in self.text]
        self.sents = [(s.start, s.end) for s in doc.sents]

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of the tokens ``start``..``end - 1`` (``end > start``)."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])


def doc_tokens(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per Doc."""
    table = doc.user_data.get(_TOKENS_KEY)
    if table is None:
        table = doc.user_data[_TOKENS_KEY] = TokenTable(doc)
    return table


def sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """Bounds of the sentence holding character ``char``."""
    bounds = sentence_bounds(doc)
    if not bounds:
        return (0, len(doc_text(doc)))
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [b[0] for b in bounds]
    i = bisect.bisect_right(starts, char) - 1
    return bounds[max(i, 0)]


# ----------------------------------------------------------------------------- capitalised runs
def _cap_text(t: str) -> bool:
    """A capitalised word: "Bank", "1Password", "3M", "ooVoo" (no markup characters)."""
    if not t:
        return False
    c0 = t[0]
    if c0.isupper():
        return _ODD_CHARS.search(t) is None
    if c0.isdigit():  # "1Password", "3M"
        return any(c.isupper() for c in t) and _ODD_CHARS.search(t) is None
    if not c0.islower() or t.islower():  # (all cased letters lower case: no upper case one)
        return False
    return t.isalpha() and any(c.isupper() for c in t[1:])  # "ooVoo"


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of capitalised sequences inside one sentence ("Bank of America",
    "Fight for the Future", "D-Link", "Marks & Spencer"); computed once per Doc."""
    cached = doc.user_data.get(_RUNS_KEY)
    if cached is None:
        cached = doc.user_data[_RUNS_KEY] = tuple(_find_runs(doc))
    return list(cached)


def _trimmed_runs(doc: Doc) -> list[tuple[int, int]]:
    """The runs without leading/trailing non-name words (:func:`_trim`), empty ones left out;
    computed once per Doc."""
    cached = doc.user_data.get(_TRIMMED_KEY)
    if cached is None:
        cached = doc.user_data[_TRIMMED_KEY] = tuple(
            r for r in (_trim(doc, a, b) for a, b in _runs(doc)) if r[1] > r[0])
    return list(cached)


_RUN_BREAK = frozenset({",", '"', "(", ")"})
_POSSESSIVE_TOKENS = frozenset({"'s", "\u2019s"})
_NOT_INNER_HEADS = AUTHORITY_WORDS | {"office"}


def _find_runs(doc: Doc) -> list[tuple[int, int]]:
    tt = doc_tokens(doc)
    text, lower, cap, ws = tt.text, tt.lower, tt.cap, tt.ws
    runs: list[tuple[int, int]] = []
    for s_start, s_end in tt.sents:
        i = s_start
        while i < s_end:
            if not cap[i]:
                i += 1
                continue
            j = i + 1
            while j < s_end:
                if cap[j] and text[j - 1] not in _RUN_BREAK:
                    j += 1
                    continue
                # "Scotty's Brewhouse": a possessive inside a name, before one head word
                if (lower[j] in _POSSESSIVE_TOKENS and j + 1 < s_end
                        and lower[j + 1] in ORG_HEADS and lower[j + 1] not in _NOT_INNER_HEADS
                        and cap[j + 1] and lower[j - 1] not in GEO_NAMES
                        and (j + 2 >= s_end or not cap[j + 2])):
                    j += 2
                    continue
                # connectors inside a name: "of", "&", "for the", "-" without spaces
                k = j
                while k < s_end and k - j < 2 and (
                        lower[k] in CONNECTORS or lower[k] == "the"
                        or (text[k] == "-" and not ws[k - 1])):
                    k += 1
                if k > j and k < s_end and cap[k] and lower[j] != "the":
                    j = k + 1
                    continue
                # "Scotty's Holdings, LLC"
                if text[j] == "," and j + 1 < s_end and lower[j + 1].rstrip(".") in \
                        LEGAL_SUFFIXES and text[j + 1][:1].isupper():
                    j += 2
                break
            runs.extend(_split_run(doc, i, j))
            i = j
    return runs


def _split_run(doc: Doc, i: int, j: int) -> list[tuple[int, int]]:
    """Split a capitalised sequence at job titles ("Allied Physicians of Michiana CEO Shery
    Roussarie") and at "and" after a complete name ("Henry Jones Art Hotel and Saffire
    Freycinet"); drop "X-based" prefixes and a sentence-initial "Exterior of"."""
    tt = doc_tokens(doc)
    text, lower = tt.text, tt.lower
    parts, start = [], i
    for k in range(i, j):
        low = lower[k]
        if low in ROLE_WORDS or (low in CONTEXT_ROLE_WORDS and k + 1 < j and text[k + 1].istitle()
                                 and lower[k + 1] not in ORG_HEADS):
            end = k
            while end > start + 1 and lower[end - 1] in DEPARTMENT_WORDS:
                end -= 1  # "Cloquet School District Technology Director"
            parts.append((start, end))
            if k + 1 < j and lower[k + 1] in CONNECTORS and low in CORPORATE_TITLES:
                start = k + 2  # "CEO of Scotty's Holdings": the organisation follows
                continue
            start = j  # what follows a job title is a person's name
            break
        elif low in CONTEXT_ROLE_WORDS and k + 1 < j and lower[k + 1] == "of" and all(
                lower[x] in TITLE_MODIFIERS for x in range(start, k)):
            start = k + 2  # "Deputy Commissioner of Police": a title; any name follows "of"
            if j - start < 2:
                start = j  # ... but not one word ("Police")
                break
        elif low in {"and", "&"} and k > start and (lower[k - 1] in ORG_HEADS or (
                k - start == 1 and lower[k - 1] in GEO_NAMES)) and \
                lower[k - 1] not in {"security", "research", "technology"}:
            parts.append((start, k))
            start = k + 1
        elif (low == "based" and k > start and text[k - 1] == "-") or low.endswith("-based"):
            start = k + 1
    parts.append((start, j))
    if parts[0][1] > parts[0][0]:
        fi = parts[0][0]
        first = text[fi]
        if parts[0][1] - parts[0][0] >= 3 and _is_acronym(first) and len(first) >= 3 and any(
                text[x] == first and not tt.cap[x + 1] for x in range(len(text) - 1) if x != fi):
            parts[0:1] = [(fi, fi + 1)]  # "ONWASA Information Technology"
    out = []
    for a, b in parts:
        if b - a >= 3 and tt.sent_start[a] and lower[a + 1] == "of" and lower[a] not in ORG_HEADS:
            a += 2
        if b > a:
            out.append((a, b))
    return out


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    tt = doc_tokens(doc)
    lower = tt.lower
    while start < end and (lower[start] in NOT_NAMES or lower[start] == "the" or (
            lower[start] in ACRONYM_STOP and end - start > 1 and tt.text[start + 1][:1].isupper()
            and (lower[start + 1] in ACRONYM_STOP or not _headed(
                lower[start + 1:end], alone=True)))):
        start += 1  # "US NGOs Fight for the Future" (but "US Postal Service" keeps "US")
    while end > start and (lower[end - 1] in CONNECTORS or lower[end - 1] in NOT_NAMES):
        end -= 1
    return start, end


_TOKEN_TEXT = re.compile(r"[^\W\d_]+")  # letters only: spaCy splits at hyphens and "'s"


def _lower_elsewhere(doc: Doc) -> frozenset[str]:
    """Words the Doc also writes in lower case (computed once per Doc)."""
    cached = doc.user_data.get(_LOWER_KEY)
    if cached is None:
        cached = doc.user_data[_LOWER_KEY] = frozenset(
            w for w in _TOKEN_TEXT.findall(doc_text(doc)) if w.islower())
    return cached
_ODD_CHARS = re.compile(r"[\[\]{}<>|=#@]")  # "November.[1" (citation marks), markup


def _over_trimmed_runs(doc: Doc, key: str, find: Callable[[Doc, list], set]) -> set:
    """``find(doc, runs)`` over the trimmed runs of the Doc, computed once per Doc (a copy:
    callers may extend it)."""
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = frozenset(find(doc, _trimmed_runs(doc)))
    return set(cached)


_PERSONS_KEY = "incident_orgs.persons"


def _headed(words: list[str], alone: bool = False) -> bool:
    """An organisation head after the first word ("Federal Group"), or a head followed by
    "of"/"for" ("University of Kent", "Center for American Progress"); with ``alone`` a
    single head word counts too ("Navy" of "U.S. Navy")."""
    return any(w in ORG_HEADS for w in words[1:]) or (
        len(words) > 2 and words[0] in ORG_HEADS and words[1] in CONNECTORS) or (
        alone and len(words) == 1 and words[0] in ORG_HEADS)


__all__ = ["Candidate", "MEMO_KEY", "TokenTable", "clear_doc_cache", "doc_ents", "doc_memo",
           "doc_tokens", "pattern_matches", "sentence_at", "sentence_bounds"]
