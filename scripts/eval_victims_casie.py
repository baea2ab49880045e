#!/usr/bin/env python3
"""`make eval-victims-casie`: a SILVER evaluation of victims and organisations on CASIE dev.

    python scripts/eval_victims_casie.py [--shared ../shared] [--show 20] [--seed 0]
                                         [--cache out/eval_victims_casie] [--limit N]

What it scores. The product pipeline (``load_nlp(settings)``: the entity layer, then
``incident_orgs``; the later components do not touch organisations and are not run) annotates
the CASIE dev articles (``../shared/corpora/casie/dev.jsonl``) MINUS the 45 articles that are in
the hand-checked gold records (``gold_records/dev.jsonl``), whose errors our rules were refined
on. Two numbers per run:

- victims, micro P/R/F1 over articles: the silver victims of an article are the ``Victim``
  arguments with ``entity_type`` Organization of the Actual-realis events of type Databreach,
  Ransom or Phishing (the attack types; vulnerability events have no Victim role), kept only
  when the span is name-like (it contains a capitalised word that is not a determiner, a
  pronoun, a generic organisation noun or a nationality: "Payday loan firm Wonga" and "the city
  of Atlanta" count, "the company", "hospitals", "German businesses" do not). Silver spans of
  one article that match each other ("Equifax" / "Equifax Inc.") are one victim. A predicted
  victim (role "victim", its name or any alias) matches a silver victim when, after
  case-folding, removing punctuation, a leading "the", a possessive "'s" and legal suffixes,
  they are equal, or one's tokens contain the other's (both ways; the contained side must have a
  name word), or one is the other's acronym (initials). Matching is one-to-one.
- organisations, recall: every name-like CASIE argument with ``entity_type`` Organization (any
  role, any event type and realis), found among the predicted organisations (any role).

This is a silver PROXY, not the gold definition. CASIE's Victim arguments differ from the gold
README's victims: CASIE also tags background and comparison incidents ("Atlanta was hit by
SamSam in March") when their event is Actual, tags vendors whose product was vulnerable or
misused in some articles, tags brands impersonated in phishing as Victim in some, and may tag
only some organisations of a round-up; the gold README makes background victims, vendors with
a vulnerable product and impersonated brands "other" and lists every victim of a round-up.
Expect a ceiling well below 1.0, and read the errors (``--show N`` prints a random sample of
articles with a false positive or a false negative) before calling a difference an error.

CASIE has no licence: its texts are read at evaluation time only and never stored in the
repository. ``--cache DIR`` (default out/eval_victims_casie) keeps the entity layer's Docs
(keyed by a digest of the entity model, its gazetteers and its code — every
``pipeline/nlp/entit*.py`` module, ``features.py``, ``extensions.py``, the pipeline assembly —
and of the inputs) so that
a rerun after a change to ``incident_orgs`` only reruns ``incident_orgs``; ``--no-cache``
always runs the whole pipeline. Run single-threaded, e.g.
``OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 nice python scripts/eval_victims_casie.py``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.nlp.org_lexicon import DEMONYMS, GEO_NAMES  # noqa: E402

ATTACK_TYPES = {"Databreach", "Ransom", "Phishing"}

# words that never make a span name-like (compared lower-cased): determiners, pronouns, generic
# organisation nouns and nationalities / places used as adjectives
_GENERIC = frozenset("""
the a an this that these those its their his her our your my it they them he she we you who
which some several many all both two three four one other another each every any no
company companies firm firms business businesses organisation organisations organization
organizations agency agencies city cities town towns county counties state states government
governments hospital hospitals trust trusts bank banks port university universities college
colleges school schools district districts council councils department departments office
offices group groups retailer retailers provider providers operator operators website websites
site sites service services network networks system systems platform platforms firm's company's
customers users clients vendor vendors store stores chain chains branch branches unit units
ministry ministries authority authorities institution institutions entity entities victim
victims target targets party parties team teams center centre centers centres clinic clinics
giant giants lender lenders insurer insurers utility utilities campaign campaigns
federal national local regional international global public private
american british canadian russian german french chinese japanese korean indian australian
european irish scottish welsh english dutch italian spanish swedish norwegian danish finnish
israeli iranian ukrainian mexican brazilian philippine filipino singaporean malaysian thai
vietnamese indonesian taiwanese turkish saudi pakistani african south north east west
us u.s. uk u.k. usa eu american's britain's
""".split())
_PLACES = GEO_NAMES | DEMONYMS   # country, state and region words ("Indiana", "Korea")
_LEGAL = frozenset("""inc incorporated ltd limited plc llc llp corp corporation co gmbh ag sa
nv bv pty lp""".split())
_ACR_STOP = frozenset("of and the for in on at to de".split())
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)


def _norm_tokens(name: str) -> list[str]:
    """Case-folded word tokens without punctuation, a leading "the", possessives and legal
    suffixes ("The Equifax, Inc.'s" -> ["equifax"])."""
    s = unicodedata.normalize("NFKC", name).replace("\u00a0", " ")
    s = s.replace("&", " and ")
    s = re.sub(r"['\u2019]s\b", "", s)
    toks = [t for t in re.split(r"[^\w]+", s.casefold()) if t]
    if toks and toks[0] == "the":
        toks = toks[1:]
    while toks and toks[-1] in _LEGAL:
        toks = toks[:-1]
    return toks


def name_like(span: str) -> bool:
    """The span names an organisation: it has a capitalised word (or a word with a digit and a
    capital, "R2Games") that is not a generic word, and is not a description whose only such
    word opens it ("Telecommunications providers", "the VPN provider", "An NYC hospital")."""
    words = [w.strip(".'\u2019-") for w in re.findall(r"[\w&.'\u2019-]+",
                                                      span.replace("\u00a0", " "))]
    words = [w for w in words if w]
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    names = []
    for i, w in enumerate(words):
        if not w[0].isupper():
            continue
        w = re.sub(r"['\u2019]s$", "", w)
        if all(p.lower() in _GENERIC or p.lower() in _PLACES or not p[:1].isupper()
               for p in w.split("-") if p):
            continue  # "US-based", "State-owned", "An Indiana hospital"
        names.append(i)
    if not names:
        return False
    return not (len(words) > 1 and names == [0] and words[-1].islower())


def _initials(name: str) -> set[str]:
    """Acronyms a name may take: the initials of its words, with and without function words
    ("Department of Homeland Security" -> "dohs", "dhs")."""
    s = unicodedata.normalize("NFKC", name).replace("&", " and ")
    words = [w for w in re.split(r"[^\w]+", s) if w]
    if words and words[0].lower() == "the":
        words = words[1:]
    while words and words[-1].lower() in _LEGAL:
        words = words[:-1]
    if len(words) < 2:
        return set()
    out = {"".join(w[0] for w in words).lower(),
           "".join(w[0] for w in words if w.lower() not in _ACR_STOP).lower()}
    return {a for a in out if len(a) >= 2}


def _is_acronym(name: str) -> bool:
    s = re.sub(r"[.&\s]", "", name)
    return 2 <= len(s) <= 8 and s.isalnum() and sum(c.isupper() for c in s) >= max(2, len(s) - 1)


def names_match(a: str, b: str) -> bool:
    """Equal after normalising, token containment either way (the contained side has a
    non-generic word), or one is the other's acronym."""
    ta, tb = _norm_tokens(a), _norm_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if set(short) <= set(long_) and any(t not in _GENERIC and not t.isdigit() for t in short):
        # contiguous or not: "Wonga" in "payday loan firm wonga", "IHG" in "IHG hotels"
        return True
    for x, y in ((a, b), (b, a)):
        if _is_acronym(x) and re.sub(r"[^\w]", "", x).lower() in _initials(y):
            return True
        # an acronym for the leading words: "UW Medicine" / "University of Washington Medicine"
        xw, yw = x.split(), y.split()
        if len(xw) >= 2 and _is_acronym(xw[0]) and len(yw) > len(xw):
            tail = len(xw) - 1
            if [w.lower() for w in yw[-tail:]] == [w.lower() for w in xw[1:]] and \
                    re.sub(r"[^\w]", "", xw[0]).lower() in _initials(" ".join(yw[:-tail])):
                return True
    return False


def forms_match(forms_a: list[str], forms_b: list[str]) -> bool:
    return any(names_match(x, y) for x in forms_a for y in forms_b)


def _clusters(names: list[str]) -> list[list[str]]:
    """Names of one article grouped when they match each other (transitively)."""
    groups: list[list[str]] = []
    for n in names:
        hit = [g for g in groups if any(names_match(n, m) for m in g)]
        merged = [n] + [m for g in hit for m in g]
        groups = [g for g in groups if g not in hit] + [list(dict.fromkeys(merged))]
    return groups


def _max_matching(left: list[list[str]], right: list[list[str]]) -> list[tuple[int, int]]:
    """One-to-one maximum matching between two lists of form lists (augmenting paths)."""
    adj = [[j for j, r in enumerate(right) if forms_match(lf, r)] for lf in left]
    match_r: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_r or augment(match_r[j], seen):
                match_r[j] = i
                return True
        return False

    for i in range(len(left)):
        augment(i, set())
    return sorted((i, j) for j, i in match_r.items())


def silver(doc: dict) -> tuple[list[list[str]], list[list[str]]]:
    """(silver victims, all name-like Organization arguments) of one CASIE article, each a list
    of clusters of surface forms."""
    victims, orgs = [], []
    for ev in doc.get("events", []):
        for arg in ev.get("arguments", []):
            if arg.get("entity_type") != "Organization" or not name_like(arg["text"]):
                continue
            text = " ".join(arg["text"].split())
            orgs.append(text)
            if (arg.get("role") == "Victim" and ev.get("type") in ATTACK_TYPES
                    and ev.get("realis") == "Actual"):
                victims.append(text)
    return _clusters(victims), _clusters(orgs)


# the code and data the entity layer's Docs depend on, besides the statistical model: the
# component modules (entities.py and every entity_*.py), the Brown-cluster features, the
# extensions the Docs carry, the pipeline assembly and Doc construction (annotate._doc), the
# entity gazetteers and the organisation head words person_rules reads (org_cues_<lang>.json)
_ENTITY_CODE = ("pipeline/nlp/entit*.py", "pipeline/nlp/features.py", "pipeline/nlp/extensions.py",
                "pipeline/nlp/__init__.py", "pipeline/nlp/annotate.py",
                "data/gazetteers/entities*.jsonl", "data/gazetteers/org_cues_*.json")


def _cache_files(model: str, repo: Path = REPO) -> list[Path]:
    """The files behind the entity layer's Docs: the code and data of ``_ENTITY_CODE`` and
    the files of the statistical pipeline ``model`` (a directory, or an installed package)."""
    files = sorted({f for pattern in _ENTITY_CODE for f in repo.glob(pattern)})
    path = Path(model)
    if not path.exists() and model != "blank":
        try:
            import spacy
            path = spacy.util.get_package_path(model)
        except Exception:  # noqa: BLE001 - no such package: the name alone goes in the key
            return files
    if path.is_dir():
        files += sorted(f for f in path.rglob("*") if f.is_file())
    return files


def _cache_key(ids: list[str], base_pipes: list[str], texts: list[str] = (),
               model: str = "blank", repo: Path = REPO) -> str:
    """A digest of what the entity layer's Docs depend on: the code and gazetteers (by
    content), the statistical pipeline ``model`` (its name and its files by size and time),
    the spaCy version, the pipe names and the articles (ids and texts)."""
    import spacy

    h = hashlib.sha256()
    h.update(f"spacy {spacy.__version__} model {model}\0".encode())
    for f in _cache_files(model, repo):
        try:
            name = f.relative_to(repo).as_posix()
        except ValueError:
            name = f.as_posix()
        if f.suffix in (".py", ".jsonl", ".json"):
            h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
        else:
            st = f.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    h.update(json.dumps([base_pipes, ids]).encode())
    for text in texts:
        h.update(hashlib.sha256(text.encode()).digest())
    return h.hexdigest()[:16]


def annotate_orgs(articles, settings, cache_dir: Path | None):
    """{article id: list[Organisation]} from the product pipeline (entity layer +
    incident_orgs), with the entity layer's Docs cached in ``cache_dir`` when given."""
    from spacy.tokens import DocBin

    from pipeline.nlp import load_nlp
    from pipeline.nlp.annotate import _doc
    from pipeline.nlp.entities import resolve_model

    nlp = load_nlp(settings)
    names = nlp.pipe_names
    base = names[:names.index("incident_orgs")]
    ids = [a.article_id for a in articles]
    docs = None
    cache = None
    if cache_dir is not None:
        key = _cache_key(ids, base, [a.text for a in articles], resolve_model(settings))
        cache = cache_dir / f"base-{key}.spacy"
        if cache.exists():
            docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
            print(f"entity layer: {len(docs)} cached Docs from {cache}", file=sys.stderr)
    c0 = time.process_time()
    if docs is None:
        with nlp.select_pipes(enable=base):
            docs = list(nlp.pipe((_doc(nlp, a) for a in articles),
                                 batch_size=settings.annotate.batch_size))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            for old in cache.parent.glob("base-*.spacy"):
                old.unlink()
            DocBin(store_user_data=True, docs=docs).to_disk(cache)
    c1 = time.process_time()
    orgs_pipe = nlp.get_pipe("incident_orgs")
    out = {}
    for article_id, doc in zip(ids, docs):
        out[article_id] = list(orgs_pipe(doc)._.organisations or ())
    c2 = time.process_time()
    print(f"CPU: entity layer {c1 - c0:.1f} s, incident_orgs {c2 - c1:.1f} s "
          f"({len(docs)} articles)", file=sys.stderr)
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--show", type=int, default=0,
                    help="print N random articles with a victim error (silver vs predicted)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the --show sample")
    ap.add_argument("--cache", type=Path, default=REPO / "out" / "eval_victims_casie",
                    help="folder for the cached entity-layer Docs and the predictions")
    ap.add_argument("--no-cache", action="store_true", help="always run the entity layer")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (debug)")
    args = ap.parse_args()
    casie_path = args.shared / "corpora/casie/dev.jsonl"
    gold_path = args.shared / "corpora/gold_records/dev.jsonl"
    if not casie_path.exists() or not gold_path.exists():
        print(f"eval-victims-casie needs {casie_path} and {gold_path} (../shared is absent)",
              file=sys.stderr)
        return 2

    from pipeline.metadata import detect_language
    from pipeline.records import Article, ExtractStatus
    from pipeline.settings import load_settings

    gold_ids = {json.loads(line)["id"] for line in gold_path.open(encoding="utf-8")
                if line.strip()}
    every = [json.loads(line) for line in casie_path.open(encoding="utf-8") if line.strip()]
    docs = [d for d in every if d["id"] not in gold_ids]
    n_excluded = len(every) - len(docs)
    if args.limit:
        docs = docs[:args.limit]
    articles = [Article(article_id=d["id"], url=d.get("url") or "", text=d["text"],
                        status=ExtractStatus.OK, title=d.get("title"),
                        language=detect_language(d["text"]), extractor="casie")
                for d in docs]
    predicted = annotate_orgs(articles, load_settings(),
                              None if args.no_cache else args.cache)

    tp = fp = fn = s_tp = s_fp = 0
    org_found = org_total = 0
    n_silver_docs = 0
    errors = []
    rows = []
    for d in docs:
        s_victims, s_orgs = silver(d)
        orgs = predicted[d["id"]]
        p_victims = [[o.name, *o.aliases] for o in orgs if o.role == "victim"]
        pairs = _max_matching(p_victims, s_victims)
        d_tp = len(pairs)
        d_fp, d_fn = len(p_victims) - d_tp, len(s_victims) - d_tp
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        if s_victims:  # the articles CASIE gives a victim (less noisy precision)
            s_tp, s_fp = s_tp + d_tp, s_fp + d_fp
        n_silver_docs += bool(s_victims)
        all_forms = [[o.name, *o.aliases] for o in orgs]
        found = [g for g in s_orgs if any(forms_match(g, f) for f in all_forms)]
        org_total += len(s_orgs)
        org_found += len(found)
        matched_p = {i for i, _ in pairs}
        matched_s = {j for _, j in pairs}
        row = {"id": d["id"], "silver_victims": s_victims,
               "victims": [v for v in p_victims],
               "fp": [p_victims[i][0] for i in range(len(p_victims)) if i not in matched_p],
               "fn": [s_victims[j][0] for j in range(len(s_victims)) if j not in matched_s],
               "orgs_missed": [g[0] for g in s_orgs if g not in found],
               "roles": {o.name: o.role for o in orgs}}
        rows.append(row)
        if d_fp or d_fn:
            errors.append((d, row))
    if args.cache and not args.no_cache:
        args.cache.mkdir(parents=True, exist_ok=True)
        with (args.cache / "pred.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    p, r, f = _prf(tp, fp, fn)
    sp, sr, sf = _prf(s_tp, s_fp, fn)
    print(f"CASIE dev minus the {n_excluded} "
          f"gold-record articles: {len(docs)} articles, {n_silver_docs} with a silver victim "
          "(SILVER: CASIE Victim arguments, see the docstring)")
    print(f"victims        P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn})")
    print(f"  on the {n_silver_docs} articles with a silver victim: P {sp:.3f}  R {sr:.3f}  "
          f"F1 {sf:.3f}   (the others get {fp - s_fp} predicted victims: our errors, and victims "
          "CASIE types Person/System or does not tag)")
    print(f"organisations  R {org_found / max(org_total, 1):.3f}   "
          f"({org_found} of {org_total} name-like CASIE Organization arguments)")
    if args.show:
        rng = random.Random(args.seed)
        sample = rng.sample(errors, min(args.show, len(errors)))
        print(f"\n{len(sample)} of {len(errors)} articles with a victim error "
              f"(random, seed {args.seed}):")
        for d, row in sorted(sample, key=lambda x: x[0]["id"]):
            print(f"- {d['id']}  {(d.get('title') or '')[:90]}")
            print(f"    silver:    {[g[0] for g in row['silver_victims']]}")
            print(f"    predicted: {[v[0] for v in row['victims']]}")
            print(f"    FP {row['fp']}  FN {row['fn']}")
            fn_roles = {n: row["roles"].get(n) for n in row["roles"]
                        if any(names_match(n, x) for x in row["fn"])}
            if fn_roles:
                print(f"    missed victims found as: {fn_roles}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
