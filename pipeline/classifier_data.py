"""Labelled data for the attack-type classifier: taxonomy, training examples, evaluation sets.

Readers of labelled examples (:func:`load_examples`, JSONL or CSV), of VCDB summaries
(:func:`load_vcdb`), of the shipped team data plus user files (:func:`gather_training_data`),
and of the evaluation-only sets next to the repository (:func:`shared_eval_sets`: CASIE,
Hackmageddon, gold records). The model itself is in :mod:`pipeline.classifier`, which
re-exports everything public here.

Training data (licences allow it): the team-written examples in ``data/labels/*.jsonl`` and
VCDB summaries (CC BY-SA 4.0, "VERIS Community Database (VCDB), Verizon RISK Team"), read from
``../shared/corpora/vcdb/dev.jsonl`` at training time (never committed; its sha256 is in the
model card). CASIE, THN and Hackmageddon are evaluation-only.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from pipeline.errors import InputError, ModelError
from pipeline.records import IncidentKind

REPO_DIR = Path(__file__).resolve().parents[1]
TAXONOMY_PATH = REPO_DIR / "data" / "taxonomy.json"
LABELS_DIR = REPO_DIR / "data" / "labels"
DEFAULT_VCDB_PATH = REPO_DIR.parent / "shared" / "corpora" / "vcdb" / "dev.jsonl"
VULN_LABEL = "vulnerability_disclosure"
UNKNOWN_LABEL = "other_unknown"
VCDB_CREDIT = ("VERIS Community Database (VCDB), Verizon RISK Team, "
               "https://github.com/vz-risk/VCDB, licensed CC BY-SA 4.0")

# Defaults of the data parameters; pipeline.classifier.DEFAULT_PARAMS takes its values from here.
DATA_PARAMS: dict[str, Any] = {
    "vcdb_weight": 1.0,         # one VCDB summary
    "team_weight": 4.0,         # team-written examples vs one VCDB summary
    "user_weight": 8.0,         # user-supplied / corrected examples
    "vcdb_max": None,           # cap VCDB examples (tests); None = all
    "vcdb_group_cap": 3,        # at most this many VCDB incidents per group (860 VA reports ...)
}


# --------------------------------------------------------------------------- taxonomy / data

def load_taxonomy(path: str | Path = TAXONOMY_PATH) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the taxonomy {path}: {exc}") from exc


def taxonomy_labels(taxonomy: Mapping[str, Any] | None = None) -> list[str]:
    taxonomy = taxonomy or load_taxonomy()
    return list(taxonomy["labels"])


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text. ``kind`` is incident | vulnerability | none (None: derive)."""

    text: str
    labels: tuple[str, ...]
    kind: str | None = None
    id: str = ""
    weight: float = 1.0
    source: str = ""
    group: str = ""


def example_kind(ex: Example) -> str:
    if ex.kind:
        return ex.kind
    specific = [l for l in ex.labels if l != VULN_LABEL]
    if specific:
        return IncidentKind.INCIDENT.value
    if VULN_LABEL in ex.labels:
        return IncidentKind.VULNERABILITY.value
    return IncidentKind.NONE.value


_LABEL_COLUMNS = ("corrected_attack_types", "attack_types_corrected", "corrected_labels",
                  "corrected_label", "labels", "label", "attack_types")
_TEXT_COLUMNS = ("text", "summary", "description")
_SPLIT = re.compile(r"\s*[;,|]\s*")


def _parse_labels(value: Any, known: set[str], where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else _SPLIT.split(str(value).strip())
    out = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        if item not in known:
            raise InputError(f"{where}: unknown label {item!r}; labels are listed in "
                             f"data/taxonomy.json")
        if item not in out:
            out.append(item)
    return tuple(out)


def load_examples(path: str | Path, *, weight: float = 1.0, source: str | None = None,
                  text_lookup: Callable[[Sequence[str]], Mapping[str, str]] | None = None,
                  taxonomy: Mapping[str, Any] | None = None) -> list[Example]:
    """Read labelled examples from JSONL or CSV.

    JSONL: one object per line with ``text`` (or ``title`` + ``text``/``summary``) and
    ``labels`` or ``attack_types`` (list or ``;``-joined string), optional ``kind`` and ``id``.
    CSV: a text column (``text``/``summary``/``description``, plus ``title`` if present) and a
    label column; a corrected column (``corrected_attack_types`` ...) wins over
    ``attack_types``. An exported incidents CSV has no text: its ``article_ids`` are resolved
    with ``text_lookup(ids) -> {id: text}`` (the CLI passes a store reader).
    """
    path = Path(path)
    known = set(taxonomy_labels(taxonomy))
    src = source or path.name
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    rows: list[dict[str, Any]] = []
    if path.suffix.lower() in {".jsonl", ".json"}:
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"{path}:{n}: not JSON ({exc})") from exc
    elif path.suffix.lower() in {".csv", ".tsv"}:
        rows = list(csv.DictReader(io.StringIO(raw),
                                   delimiter="\t" if path.suffix.lower() == ".tsv" else ","))
    else:
        raise InputError(f"{path}: expected a .jsonl or .csv file")
    examples: list[Example] = []
    pending: list[tuple[int, dict[str, Any]]] = []
    for n, row in enumerate(rows, 1):
        where = f"{path}:{n}"
        label_col = next((c for c in _LABEL_COLUMNS if c in row and row[c] not in (None,)), None)
        if label_col is None:
            raise InputError(f"{where}: no label column (one of {', '.join(_LABEL_COLUMNS)})")
        labels = _parse_labels(row[label_col], known, where)
        text = next((str(row[c]) for c in _TEXT_COLUMNS if row.get(c)), "")
        if row.get("title") and text and not text.startswith(str(row["title"])):
            text = f"{row['title']}\n\n{text}"
        kind = row.get("kind") or None
        if kind is not None and kind not in {k.value for k in IncidentKind}:
            raise InputError(f"{where}: kind must be incident, vulnerability or none")
        ex_id = str(row.get("id") or row.get("article_id") or row.get("incident_id") or n)
        if not text:
            pending.append((n, {"labels": labels, "kind": kind, "id": ex_id, "row": row}))
            continue
        examples.append(Example(text=text, labels=labels, kind=kind, id=ex_id, weight=weight,
                                source=src, group=f"{src}:{ex_id}"))
    if pending:
        if text_lookup is None:
            raise InputError(f"{path}: {len(pending)} rows have no text column; pass the "
                             f"article store so their article_ids can be resolved")
        for n, item in pending:
            ids = [i for i in _SPLIT.split(str(item["row"].get("article_ids") or "")) if i]
            texts = text_lookup(ids) if ids else {}
            found = [texts[i] for i in ids if texts.get(i)]
            if not found:
                raise InputError(f"{path}:{n}: no text and no known article_ids")
            for i, text in zip(ids, found):
                examples.append(Example(text=text, labels=item["labels"], kind=item["kind"],
                                        id=i, weight=weight, source=src, group=f"{src}:{item['id']}"))
    return examples


def vcdb_labels(record: Mapping[str, Any], taxonomy: Mapping[str, Any]) -> tuple[str, ...]:
    """VERIS codes -> taxonomy labels via ``map_veris`` (other_unknown when none apply)."""
    out: list[str] = []
    for rule in taxonomy["map_veris"]:
        head, _, sub = rule["field"].partition(".")
        values = record.get(head)
        if sub:
            values = (values or {}).get(sub)
        if values is None:
            continue
        values = values if isinstance(values, list) else [values]
        want = rule["value"]
        if want == "*any":
            hit = bool(values)
        elif want.startswith("*other-than:"):
            excluded = set(want.split(":", 1)[1].split(","))
            hit = any(v not in excluded for v in values)
        else:
            hit = want in values
        if hit and rule["label"] not in out:
            out.append(rule["label"])
    return tuple(out) or (UNKNOWN_LABEL,)


def load_vcdb(path: str | Path = DEFAULT_VCDB_PATH, *, taxonomy: Mapping[str, Any] | None = None,
              limit: int | None = None, group_cap: int | None = None,
              weight: float = 1.0) -> list[Example]:
    """VCDB summaries as training examples (CC BY-SA 4.0; credit in the model card).
    ``group_cap`` keeps the first N incidents of each VCDB group (file order)."""
    taxonomy = taxonomy or load_taxonomy()
    out = []
    per_group: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            g = str(r.get("group") or r["id"])
            per_group[g] = per_group.get(g, 0) + 1
            if group_cap and per_group[g] > group_cap:
                continue
            labels = tuple(l for l in vcdb_labels(r, taxonomy) if l != UNKNOWN_LABEL)
            out.append(Example(text=r["summary"], labels=labels, kind="incident", id=r["id"],
                               source="vcdb", group="vcdb:" + g, weight=weight))
            if limit and len(out) >= limit:
                break
    return out


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def shipped_data_files() -> list[Path]:
    return sorted(LABELS_DIR.glob("*.jsonl"))


def gather_training_data(data_files: Sequence[str | Path] = (), *, include_shipped: bool = True,
                         vcdb_path: str | Path | None = DEFAULT_VCDB_PATH,
                         params: Mapping[str, Any] | None = None,
                         text_lookup=None) -> tuple[list[Example], list[dict[str, Any]]]:
    """Shipped team data + VCDB (if present) + user files (weighted, corrections win)."""
    p = {**DATA_PARAMS, **(params or {})}
    taxonomy = load_taxonomy()
    examples: list[Example] = []
    data: list[dict[str, Any]] = []
    if vcdb_path and Path(vcdb_path).is_file():
        vc = load_vcdb(vcdb_path, taxonomy=taxonomy, limit=p.get("vcdb_max"),
                       group_cap=p.get("vcdb_group_cap"), weight=p["vcdb_weight"])
        examples += vc
        data.append({"path": "../shared/corpora/vcdb/dev.jsonl (summary)", "n": len(vc),
                     "sha256": file_sha256(vcdb_path), "credit": VCDB_CREDIT})
    elif vcdb_path:
        warnings.warn(f"VCDB not found at {vcdb_path}: training without it", stacklevel=2)
    if include_shipped:
        for f in shipped_data_files():
            ex = load_examples(f, weight=p["team_weight"], taxonomy=taxonomy)
            examples += ex
            data.append({"path": str(f.relative_to(REPO_DIR)), "n": len(ex),
                         "sha256": file_sha256(f), "credit": "written by the project team"})
    for f in data_files:
        ex = load_examples(f, weight=p["user_weight"], taxonomy=taxonomy, text_lookup=text_lookup)
        examples += ex
        data.append({"path": str(f), "n": len(ex), "sha256": file_sha256(f), "credit": "user data"})
    return examples, data


# --------------------------------------------------------------------------- evaluation sets

SHARED_CORPORA = REPO_DIR.parent / "shared" / "corpora"


def _jsonl(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def casie_eval_set(corpora: Path = SHARED_CORPORA, *, actual: bool = False,
                   taxonomy: Mapping[str, Any] | None = None):
    """CASIE dev (evaluation only): doc_labels (or doc_labels_actual) via map_casie."""
    m = (taxonomy or load_taxonomy())["map_casie"]
    out = [Example(text=r["text"], id=r["id"], source="casie",
                   labels=tuple(sorted({l for t in r["doc_labels_actual" if actual else "doc_labels"]
                                        for l in m[t]})))
           for r in _jsonl(corpora / "casie" / "dev.jsonl")]
    return out, sorted({l for v in m.values() for l in v})


def hackmageddon_eval_set(corpora: Path = SHARED_CORPORA, *, recent_only: bool = True,
                          taxonomy: Mapping[str, Any] | None = None, since: str | None = None):
    """Hackmageddon dev one-liners (evaluation only); 2023+ rows (the corpus README says they
    separate ransomware; in the data the label "Ransomware" first appears in 2024-01, and every
    2023 ransomware attack is labelled "Malware"). ``since``: keep rows reported on or after
    this ISO date (e.g. "2024-01-01"). Rows whose technique has no taxonomy mapping are
    skipped (count returned third)."""
    m = (taxonomy or load_taxonomy())["map_hackmageddon_attack_norm"]
    out, skipped = [], 0
    for r in _jsonl(corpora / "hackmageddon" / "dev.jsonl"):
        if recent_only and "gabrierys" not in r["source"]:
            continue
        if since and str(r.get("date_reported") or "") < since:
            continue
        labs = m.get((r.get("attack_norm") or "").strip().lower())
        if labs is None:
            skipped += 1
            continue
        out.append(Example(text=r["description"], labels=tuple(labs), id=r["id"],
                           kind="incident", source="hackmageddon"))
    return out, sorted({l for v in m.values() for l in v}), skipped


def gold_eval_set(corpora: Path = SHARED_CORPORA):
    """The hand-annotated gold records (dev), joined with the CASIE / seed texts."""
    texts = {r["id"]: r["text"] for r in _jsonl(corpora / "casie" / "dev.jsonl")}
    seed = corpora.parent / "examples" / "mns-click-and-collect.txt"
    if seed.is_file():
        texts["seed-mns"] = seed.read_text(encoding="utf-8")
    out = [Example(text=texts[r["id"]], labels=tuple(r["attack_types"]), id=r["id"],
                   kind="incident" if r["attack_types"] else "none", source="gold")
           for r in _jsonl(corpora / "gold_records" / "dev.jsonl") if r["id"] in texts]
    return out, [l for l in taxonomy_labels() if l != UNKNOWN_LABEL]


def shared_eval_sets(corpora: Path = SHARED_CORPORA) -> dict[str, tuple[list[Example], list[str]]]:
    """The evaluation sets present next to the repository (empty when ../shared is absent).
    Evaluation only: none of these texts is ever used for training."""
    out: dict[str, tuple[list[Example], list[str]]] = {}
    if (corpora / "casie" / "dev.jsonl").is_file():
        out["casie_dev"] = casie_eval_set(corpora)
    if (corpora / "hackmageddon" / "dev.jsonl").is_file():
        ex, space, _ = hackmageddon_eval_set(corpora)
        out["hackmageddon_dev_2023plus"] = (ex, space)
    if (corpora / "gold_records" / "dev.jsonl").is_file() and "casie_dev" in out:
        out["gold_records_dev"] = gold_eval_set(corpora)
    return out


__all__ = [
    "DATA_PARAMS", "DEFAULT_VCDB_PATH", "Example", "LABELS_DIR", "REPO_DIR", "SHARED_CORPORA",
    "TAXONOMY_PATH", "UNKNOWN_LABEL", "VCDB_CREDIT", "VULN_LABEL", "casie_eval_set",
    "example_kind", "file_sha256", "gather_training_data", "gold_eval_set",
    "hackmageddon_eval_set", "load_examples", "load_taxonomy", "load_vcdb", "shared_eval_sets",
    "shipped_data_files", "taxonomy_labels", "vcdb_labels",
]
