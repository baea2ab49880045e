"""Fast rulers of the entity layer.

* ``incident_gazetteer`` (:class:`Gazetteer`): an EntityRuler for big name lists
  (``gazetteer_ruler`` before the NER, ``company_ruler`` after it, ``gap_ruler`` last);
* ``incident_span_ruler`` (:class:`AnchoredSpanRuler`): spaCy's ``SpanRuler`` that runs its
  Matcher only around the tokens the patterns need (``org_rules``);
* ``incident_rule_ents_filter.v1`` (:func:`rule_ents_filter`): how ``org_rules`` merges its
  organisation shapes into the model's entities.
"""
from __future__ import annotations

import json
import re
import warnings

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry


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
            if _hyphen_glued(doc, start, end):
                continue
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


def _hyphen_glued(doc: Doc, start: int, end: int) -> bool:
    """An acronym match glued by a hyphen to another acronym is part of a longer name: "HP"
    in "AP-HP" (the Paris hospitals), "NEC" in "XYZ-NEC"."""
    span = doc[start:end]
    if not span.text.replace("-", "").isupper():
        return False
    if start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].is_upper \
            and doc[start - 2].is_alpha:
        return True
    return end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ \
        and not doc[end].whitespace_ and doc[end + 1].is_upper and doc[end + 1].is_alpha


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


def _ampersand_whole(span, existing) -> "Span | None":
    """"Wexcombe Golf" + "&" + "Country Club": the one-word-each-side "&" rule span takes in
    the model organisations it cuts (no gazetteer entities), so the name stays whole. Between
    two people whose names run past it on both sides ("Sepp Hochreiter & Jürgen
    Schmidhuber") it is no name: ``None``."""
    start, end = span.start, span.end
    left = right = False
    for ent in existing:
        if ent.ent_id_ or ent.label_ not in ("ORG", "PERSON"):
            continue
        cuts_left = ent.start < span.start < ent.end
        cuts_right = ent.start < span.end < ent.end
        if ent.label_ == "ORG" and (cuts_left or cuts_right):
            start, end = min(start, ent.start), max(end, ent.end)
        elif ent.label_ == "PERSON":
            left |= cuts_left
            right |= cuts_right
    if left and right:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(span.doc, start, end, label=span.label_, span_id=span.id_)


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
        spans = [_ampersand_whole(s, existing) if s.id_ == "rule:ampersand" else s
                 for s in spans]
        spans = [s for s in spans if s is not None]
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


__all__ = ["AnchoredSpanRuler", "Gazetteer", "make_incident_gazetteer",
           "make_incident_span_ruler", "make_rule_ents_filter", "rule_ents_filter"]
