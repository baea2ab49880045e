"""Plain sentence spans of a text, for the classifier stages that have no spaCy ``Doc`` at hand
(the attack-type model's evidence, the advisory check, the non-English cue lexicon and the
general-news gate). A module of its own so that :mod:`pipeline.classifier` and
:mod:`pipeline.classifier_gate` (which the classifier imports) can both use it."""
from __future__ import annotations

import re

# a point between digits is a decimal point, not a sentence end ("$2.3 million", "Rs 28.4 crore")
_SENT_RE = re.compile(r"(?:[^\n.!?]|(?<=\d)\.(?=\d))*(?:[.!?]+[\"'”’)\]]*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Simple sentence spans (char offsets, whitespace-trimmed) when no spaCy Doc is at hand."""
    spans = []
    for m in _SENT_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            spans.append((s, e))
    return spans


__all__ = ["split_sentences"]
