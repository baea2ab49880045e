"""Export incidents to CSV and JSONL: the only module that imports pandas.

One CSV row per incident, columns fixed in ``COLUMNS``; list fields are joined with ``"; "``
(quotes, which may hold semicolons, with ``" | "``); dates are ISO. Every text cell that a spreadsheet would read as a formula (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with a single quote
(CSV injection, OWASP).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from .records import Expert, Incident, to_plain

COLUMNS: tuple[str, ...] = (
    "incident_id", "victim", "victim_aliases", "attack_types", "affected_services", "experts",
    "expert_quotes", "first_reported", "last_reported", "n_articles", "urls", "titles", "other_victims",
    "article_ids",
)
INPUT_COLUMNS: tuple[str, ...] = (
    "source", "url", "fetch_status", "http_status", "fetch_error", "article_id",
    "extract_status", "extract_error", "title", "published", "kind", "incident_id",
    "annotate_error",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SEP = "; "
QUOTE_SEP = " | "


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would execute as a formula with ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _expert(e: Expert) -> str:
    details = ", ".join(x for x in (e.role, e.affiliation) if x)
    return f"{e.name} ({details})" if details else e.name


def _expert_quote(e: Expert) -> str:
    return f"{e.name}: “{e.quote}”" if e.quote else ""


def incident_row(inc: Incident) -> dict[str, object]:
    return {
        "incident_id": inc.incident_id,
        "victim": inc.victim,
        "victim_aliases": SEP.join(inc.victim_aliases),
        "attack_types": SEP.join(sorted(inc.attack_types)),
        "affected_services": SEP.join(inc.services),
        "experts": SEP.join(_expert(e) for e in inc.experts),
        "expert_quotes": QUOTE_SEP.join(q for q in map(_expert_quote, inc.experts) if q),
        "first_reported": inc.first_reported.isoformat() if inc.first_reported else "",
        "last_reported": inc.last_reported.isoformat() if inc.last_reported else "",
        "n_articles": len(inc.article_ids),
        "urls": SEP.join(inc.urls),
        "titles": SEP.join(inc.titles),
        "other_victims": SEP.join(inc.other_victims),
        "article_ids": SEP.join(inc.article_ids),
    }


def _write_csv(rows: Sequence[dict], columns: Sequence[str], out_path: Path) -> None:
    # cells neutralised before the frame is built, and object columns: pandas re-infers a
    # mapped column's dtype, and an integer column with gaps (http_status) became floats
    # ("404.0")
    cells = [[neutralise(row.get(c)) for c in columns] for row in rows]
    frame = pd.DataFrame(cells, columns=list(columns), dtype=object)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    # RFC 4180 line ends, so that a field holding \r or \n is quoted too
    frame.to_csv(out_path, index=False, encoding="utf-8", lineterminator="\r\n")


def export_csv(incidents: Iterable[Incident], out_path: str | Path, *,
               columns: Sequence[str] = COLUMNS) -> int:
    """Write one row per incident; returns the number of rows."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown columns: {', '.join(sorted(unknown))}")
    rows = [incident_row(inc) for inc in incidents]
    _write_csv(rows, columns, Path(out_path))
    return len(rows)


def export_jsonl(incidents: Iterable[Incident], out_path: str | Path) -> int:
    """Write one JSON object per incident (full record, lists kept as lists)."""
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for inc in incidents:
            fh.write(json.dumps(to_plain(inc), ensure_ascii=False) + "\n")
            n += 1
    return n


def export_inputs_csv(rows: Iterable[dict], out_path: str | Path) -> int:
    """One row per input with its fetch and extraction status (``store.input_rows``)."""
    rows = list(rows)
    _write_csv(rows, INPUT_COLUMNS, Path(out_path))
    return len(rows)


__all__ = ["COLUMNS", "INPUT_COLUMNS", "export_csv", "export_inputs_csv", "export_jsonl",
           "incident_row", "neutralise"]
