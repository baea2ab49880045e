"""How the annotate stage grows with text length: CPU time per component and peak memory.

    python scripts/bench_long.py [--lengths 10000,40000,120000,260000] [--repeats 2]

Long texts are built from the bundled English sample pages (``data/samples/*.html``, extracted
as the pipeline does) joined together until each length is reached, so the benchmark needs
nothing outside the repository. For every length it prints the CPU seconds of each pipe
(minimum of ``--repeats`` runs), the characters per CPU-second of the whole stage, and the
growth of each pipe's time against the previous length beside the growth of the text: a pipe
whose time grows much faster than the text is superlinear. Peak memory (RSS) of the process is
printed after each length; it only rises (it is the process's high-water mark).
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from pipeline.extract import extract_html
from pipeline.nlp import load_nlp
from pipeline.nlp.annotate import _doc
from pipeline.records import Article, ExtractStatus
from pipeline.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def sample_texts(settings) -> list[str]:
    """The extracted texts of the English sample pages, in file-name order."""
    texts = []
    for page in sorted((REPO / "data/samples").glob("*.html")):
        art = extract_html(page.read_text(encoding="utf-8", errors="replace"), settings=settings)
        if art.status is ExtractStatus.OK and (art.language or "en") == "en":
            texts.append(art.text)
    return texts


def long_text(parts: list[str], length: int) -> str:
    out, n, i = [], 0, 0
    while n < length:
        out.append(parts[i % len(parts)])
        n += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:length]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lengths", default="10000,40000,120000,260000")
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    settings = load_settings()
    parts = sample_texts(settings)
    nlp = load_nlp(settings)
    nlp("Acme Corp said it was hit by ransomware.")
    prev: tuple[int, dict[str, float]] | None = None
    print(f"{len(parts)} English sample texts; pipes: {', '.join(nlp.pipe_names)}")
    for length in (int(x) for x in args.lengths.split(",")):
        text = long_text(parts, length)
        article = Article(article_id=f"long-{length}", url="", text=text,
                          status=ExtractStatus.OK, language="en")
        best: dict[str, float] = {}
        for _ in range(args.repeats):
            c = time.process_time()
            doc = _doc(nlp, article)
            times = {"tokenizer": time.process_time() - c}
            for name, proc in nlp.pipeline:
                c = time.process_time()
                doc = proc(doc)
                times[name] = time.process_time() - c
            for k, v in times.items():
                best[k] = min(best.get(k, v), v)
        total = sum(best.values())
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n{len(text):,} characters: {total:.2f} CPU-s, {len(text) / total:,.0f} "
              f"characters per CPU-second, peak RSS {rss_mb:,.0f} MB")
        ratio = len(text) / prev[0] if prev else None
        for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
            grow = (f"  x{v / prev[1][k]:.1f} (text x{ratio:.1f})"
                    if prev and prev[1].get(k, 0) > 0.005 else "")
            print(f"  {k:<24} {v:7.3f} s{grow}")
        prev = (len(text), best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
