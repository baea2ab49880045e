"""Attack types of non-English articles from a multilingual cue lexicon (data/attack_cues_i18n.json).

The scikit-learn model reads English. For an article whose language (``doc._.language``) has an
entry in the lexicon (German, French, Italian, Spanish, Dutch), the labels and the incident kind
come from cue matches instead:

- a label fires when its cues match at least ``min_matches`` times, or once in the lead
  (first ``lead_chars`` characters) or the title, or once in a short text;
- the article reports an incident when it names a cyber attack (an incident label or an
  ``attack`` cue), says that something happened to someone (an ``event`` cue: victim,
  outage, theft, investigation ...) and has at least ``incident_min_cues`` cyber cue matches;
  an incident with no specific label is ``other_unknown``;
- otherwise ``vulnerability_disclosure`` alone makes a vulnerability, and anything else is no
  incident (no labels);
- evidence: the sentences with the most cue matches of each label.

Scores are not probabilities: 1 - 0.5 ** (matches + lead bonus), at most 0.99.
Public verbs: :func:`load_lexicon`, :meth:`CueLexicon.classify`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from pipeline.sentences import split_sentences
from pipeline.classifier_data import REPO_DIR, UNKNOWN_LABEL, VULN_LABEL
from pipeline.errors import ModelError
from pipeline.records import IncidentKind, LabelScore

DEFAULT_LEXICON_PATH = REPO_DIR / "data" / "attack_cues_i18n.json"
DEFAULT_RULES = {"lead_chars": 600, "short_chars": 600, "min_matches": 2, "incident_min_cues": 2}


def _compile(patterns: Sequence[str], where: str) -> re.Pattern | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as exc:
        raise ModelError(f"bad cue pattern in {where}: {exc}") from exc


@dataclass(frozen=True)
class LanguageCues:
    language: str
    attack: re.Pattern | None
    event: re.Pattern | None
    labels: dict[str, re.Pattern]


@dataclass(frozen=True)
class LexiconResult:
    """Cue-lexicon answer for one text (same shape as the model's Classification)."""

    labels: tuple[LabelScore, ...]
    kind: IncidentKind
    scores: dict[str, float]
    incident_score: float


class CueLexicon:
    """Compiled multilingual cue lexicon; ``data`` is the parsed JSON (kept for to_disk)."""

    def __init__(self, data: Mapping[str, Any], *, source: str = "lexicon"):
        self.data = dict(data)
        self.rules = {**DEFAULT_RULES, **dict(data.get("rules", {}))}
        self.languages: dict[str, LanguageCues] = {}
        for lang, spec in dict(data.get("languages", {})).items():
            labels = {}
            for label, pats in dict(spec.get("labels", {})).items():
                pat = _compile(list(pats), f"{source}:{lang}:{label}")
                if pat is not None:
                    labels[label] = pat
            self.languages[lang] = LanguageCues(
                language=lang, attack=_compile(list(spec.get("attack", [])), f"{source}:{lang}"),
                event=_compile(list(spec.get("event", [])), f"{source}:{lang}"), labels=labels)

    def supports(self, language: str | None) -> bool:
        """True for a non-English language with cues (English is the model's job)."""
        lang = (language or "en").lower().split("-")[0]
        return lang != "en" and lang in self.languages

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, indent=1) + "\n"

    def classify(self, text: str, language: str, *, title: str | None = None,
                 sentences: Sequence[tuple[int, int]] | None = None,
                 max_evidence: int = 2) -> LexiconResult:
        cues = self.languages[(language or "").lower().split("-")[0]]
        r = self.rules
        low = text.lower()
        tlow = (title or "").lower()
        matches = {l: [m.start() for m in p.finditer(low)] for l, p in cues.labels.items()}
        attack = [m.start() for m in cues.attack.finditer(low)] if cues.attack else []
        event = [m.start() for m in cues.event.finditer(low)] if cues.event else []
        in_title = {l: bool(tlow and p.search(tlow)) for l, p in cues.labels.items()}
        attack_title = bool(tlow and cues.attack and cues.attack.search(tlow))
        short = len(text) < r["short_chars"]

        def fires(starts: list[int], title_hit: bool) -> bool:
            if len(starts) >= r["min_matches"]:
                return True
            if not starts and not title_hit:
                return False
            return title_hit or short or any(s < r["lead_chars"] for s in starts)

        fired = [l for l in cues.labels if fires(matches[l], in_title[l])]
        specific = [l for l in fired if l != VULN_LABEL]
        cyber = sum(len(matches[l]) + int(in_title[l]) for l in specific) + len(attack) \
            + int(attack_title)
        named = bool(specific) or bool(attack) or attack_title
        if named and event and cyber >= r["incident_min_cues"]:
            kind = IncidentKind.INCIDENT
            if not specific:
                fired.append(UNKNOWN_LABEL)
        elif VULN_LABEL in fired:
            kind = IncidentKind.VULNERABILITY
            fired = [VULN_LABEL]
        else:
            kind = IncidentKind.NONE
            fired = []
        scores: dict[str, float] = {}
        for l in cues.labels:
            n = len(matches[l]) + int(in_title[l])
            lead = in_title[l] or any(s < r["lead_chars"] for s in matches[l])
            scores[l] = round(min(0.99, 1 - 0.5 ** (n + int(lead))), 4) if n else 0.0
        incident_score = round(min(0.99, 1 - 0.5 ** cyber), 4) \
            if kind is IncidentKind.INCIDENT else 0.0
        scores[UNKNOWN_LABEL] = incident_score if UNKNOWN_LABEL in fired else 0.0
        spans = [(s, e) for s, e in (sentences if sentences is not None
                                     else split_sentences(text)) if 0 <= s < e <= len(text)]
        out = []
        for l in fired:
            starts = attack if l == UNKNOWN_LABEL else matches[l]
            ev = _evidence(spans, starts, max_evidence)
            out.append(LabelScore(l, max(scores[l], 0.5), ev))
        out.sort(key=lambda ls: (-ls.score, ls.label))
        return LexiconResult(labels=tuple(out), kind=kind, scores=scores,
                             incident_score=incident_score)


def _evidence(spans: list[tuple[int, int]], starts: list[int],
              k: int) -> tuple[tuple[int, int], ...]:
    """The k sentences holding the most of ``starts`` (ties: earlier first), in text order."""
    counts = []
    for i, (s, e) in enumerate(spans):
        n = sum(1 for x in starts if s <= x < e)
        if n:
            counts.append((-n, i))
    best = sorted(counts)[:k]
    return tuple(sorted(spans[i] for _, i in best))


def load_lexicon(path: str | Path = DEFAULT_LEXICON_PATH) -> CueLexicon:
    """Read and compile the lexicon JSON; a missing or broken file is a ModelError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the cue lexicon {path}: {exc}") from exc
    return CueLexicon(data, source=str(path))


__all__ = ["DEFAULT_LEXICON_PATH", "CueLexicon", "LexiconResult", "load_lexicon"]
