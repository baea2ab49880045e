"""Case-restored MultiCoNER English as an extra NER training file (``train_nlp.py --multiconer``).

MultiCoNER (SemEval-2022 Task 11, CC BY 4.0, Amazon; converted copy in
``../shared/corpora/ner/multiconer_en``) is all lower-case, so a model trained on it as is
learns that names need no capitals. We restore the case the way edited text would have it,
as far as the annotation tells us:

* every token inside a PERSON/ORG/GPE/LOC span is capitalised ("mit press" -> "Mit Press"),
  except short function words that are not span-initial ("university of london" -> "University
  of London"); tokens with a dot inside keep their letters upper-cased ("u.s." -> "U.S.");
* the first token of the sentence and the pronoun "i" are capitalised;
* a word seen mostly in one cased form away from sentence starts in the cased training
  corpora takes that form: inside a span any form with capitals ("bbc" -> "BBC",
  "mcdonald" -> "McDonald"), outside spans only a capitalised majority form seen at least
  three times ("american" -> "American", "monday" -> "Monday");
* everything else stays lower-case (names of products and creative works, which the shared
  conversion made "outside", therefore look like common words — a fair negative signal).

A ``fraction`` < 1 keeps a fixed, seeded subsample (down-weighting). With
``outside="missing"`` every token outside a kept span is *unannotated* (spaCy's missing
value) instead of "outside": the corpus then only teaches what its spans are (type and
boundary), never that a word is no entity — MultiCoNER's products and creative works, which the
shared conversion made "outside", and its short, entity-dense sentences no longer push the model
towards predicting fewer entities. ``person_like_org="missing"`` leaves ORG spans that look like
a person's name (a known given name first, or a PERSON-like two/three-word name, e.g. the bands
of its GRP type: "Sister Sledge", "Bon Jovi") unannotated too. The output is a spaCy
``DocBin`` written to the training work directory (never into the repository).
"""
from __future__ import annotations

import json
import random
from pathlib import Path

LOWER_INSIDE = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "les", "van", "von",
                "der", "den", "di", "da", "del", "y", "e", "a", "an", "in", "on", "at", "to",
                "&", "'s", "by", "with", "und", "et"}
LABELS = {"PERSON", "ORG", "GPE", "LOC"}


def cap(token: str) -> str:
    if "." in token.strip(".") and len(token) <= 8:  # initialisms: u.s. -> U.S.
        return token.upper()
    for i, ch in enumerate(token):
        if ch.isalpha():
            return token[:i] + ch.upper() + token[i + 1:]
    return token


def case_table(texts) -> dict[str, tuple[str, int, bool]]:
    """lower-cased word -> (its most frequent form away from sentence starts, count, whether
    that form is the majority of all occurrences)."""
    from collections import Counter, defaultdict

    forms: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        toks = text.split()
        for tok in toks[1:]:
            tok = tok.strip(".,;:!?\"'()[]")
            if tok.isalpha() or (tok and "." in tok):
                forms[tok.lower()][tok] += 1
    table = {}
    for low, cnt in forms.items():
        form, n = cnt.most_common(1)[0]
        table[low] = (form, n, n * 2 > sum(cnt.values()))
    return table


def recase(text: str, spans: list[dict], table: dict | None = None
           ) -> tuple[list[str], list[tuple[int, int, str]]]:
    """Words (split on the single spaces of the source) with case restored, and token spans."""
    table = table or {}
    words = text.split(" ")
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    index = {s: i for i, s in enumerate(starts)}
    ends = {s + len(w): i for i, (s, w) in enumerate(zip(starts, words))}
    ents, inside = [], set()
    for sp in spans:
        if sp["label"] not in LABELS or sp["start"] not in index or sp["end"] not in ends:
            continue
        a, b = index[sp["start"]], ends[sp["end"]] + 1
        for i in range(a, b):
            if i == a or words[i] not in LOWER_INSIDE:
                form = table.get(words[i])
                words[i] = form[0] if form and form[0] != form[0].lower() else cap(words[i])
            inside.add(i)
        ents.append((a, b, sp["label"]))
    for i, w in enumerate(words):
        form = table.get(w)
        if i not in inside and form and form[0][:1].isupper() and form[1] >= 3 and form[2]:
            words[i] = form[0]
    if words:
        words[0] = cap(words[0])
    words = ["I" if w == "i" else w for w in words]
    return words, ents


def person_like(words: list[str], first_names: frozenset[str], org_words: frozenset[str]) -> bool:
    """An ORG span that reads like a person's name: 2-3 words, the first a known given name
    ("Sister"/"Bon" are not; "Ben Folds Five", "Marilyn Manson" are), no organisation word."""
    low = [w.lower() for w in words]
    if low and low[0] == "the":
        return False
    return 2 <= len(low) <= 3 and low[0] in first_names and not org_words.intersection(low)


def build(src: Path, dest: Path, cased: list[Path], fraction: float = 1.0, seed: int = 0,
          outside: str = "O", person_like_org: str = "keep",
          first_names: frozenset[str] = frozenset(), org_words: frozenset[str] = frozenset()
          ) -> int:
    """Write the case-restored DocBin of ``src`` (jsonl) to ``dest``; ``cased`` are jsonl files
    of cased text (the other training corpora) for the case table. ``outside``: "O" or
    "missing" (tokens outside kept spans); ``person_like_org``: "keep" or "missing" (see the
    module doc; ``first_names``/``org_words`` are lower-cased). Returns the doc count."""
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    vocab = spacy.blank("en").vocab
    with src.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if fraction < 1.0:
        rng = random.Random(seed)
        records = rng.sample(records, round(len(records) * fraction))
    texts = []
    for path in cased:
        with path.open(encoding="utf-8") as fh:
            texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    table = case_table(texts)
    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
    dropped = kept = 0
    for rec in records:
        words, ents = recase(rec["text"], rec["spans"], table)
        doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        spans, blank = [], []
        for a, b, lab in ents:
            if person_like_org == "missing" and lab == "ORG" and \
                    person_like(words[a:b], first_names, org_words):
                blank.append(Span(doc, a, b))
                dropped += 1
            else:
                spans.append(Span(doc, a, b, label=lab))
        if outside == "missing":
            if not spans:  # nothing annotated at all: no training signal
                continue
            doc.set_ents(spans, default="missing")
        else:
            doc.set_ents(spans, missing=blank, default="outside")
        db.add(doc)
        kept += 1
    if dropped:
        print(f"multiconer: {dropped} person-like ORG spans left unannotated", flush=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(dest)
    return kept
