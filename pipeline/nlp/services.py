"""Affected services and compromised data types: the ``affected_services`` component.

``doc._.services`` lists the services, systems or operations of the victim that the article
says were disrupted, compromised, taken offline or restored, one entry per distinct service,
with the **latest** state the article reports (disrupted then restored → ``restored``):

* candidates come from a gazetteer (``data/gazetteers/services.jsonl``: "click-and-collect",
  "online banking", "patient portal", "phone lines", …) matched case-insensitively with a
  ``PhraseMatcher``, and from token patterns "MODIFIER* HEAD" where HEAD is a service noun
  (service(s), system(s), network, portal, platform, operations, servers, computers,
  applications, database, …) and the modifiers are the content words right before it;
  (verbs, participles, dates and organisation names end the modifiers; a bare generic head
  counts only when owned: "its computers"); items listed after a service word ("disabled
  three features on its platform; A, B and C", "applications such as …"), items listed
  before "will use manual processes", and inability phrases ("staff could not check email");
* the status comes from cue words in the same sentence, nearest first within ``window``
  characters (disrupted / offline / down / suspended / crippled → ``disrupted``; restored /
  reinstated / back online / resumed → ``restored``; compromised / accessed / breached /
  infected / encrypted → ``compromised``); a participle before the head ("seized computers")
  gives the status itself, unless it is the clause's verb ("the virus even downed systems",
  "… had reconnected and restored online ordering": the service is "online ordering", its
  status restored); a candidate without any cue is not listed, nor one the article says was
  *not* affected ("remains accessible", "unaffected", "not compromised") or one in a
  hypothetical sentence ("could", "if");
* a cue does not count when it says nothing about the service: a restoration still to come
  ("until the systems are restored", "expects to restore"), a flaw "affecting" a product, a
  cue before a dash clause boundary; a later "both are available again" restores the
  services named before it;
* left out as no service of the victim: the fallback people used ("reverted to cash and card
  machines"), "other websites", states ("normal operations", "day-to-day operations"),
  documents ("job applications"), encryption as a feature ("encrypted messaging app"),
  sentences about companies in general ("Companies are increasingly …") and sentences about
  an earlier or another incident (opening with "In March", "Last month", "Elsewhere", naming no
  victim of the article but another organisation or an indefinite one);
* one entry per service: a mention whose words are a subset or superset of an earlier one's
  ("card payments" / "integrated card payments", "our systems" / "its computer systems")
  updates that entry's state.

``doc._.compromised_data`` lists exact substrings naming the data types stolen, exposed or
accessed (names, email addresses, Social Security numbers, card numbers, W-2 forms, …) from a
second gazetteer (``data/gazetteers/services_data.jsonl``), extended by owner modifiers
("customer names"), within ``data_window`` characters of a data-loss cue, and not in negated
("no customer information was obtained", "without disclosing the names of the banks"; a denial
counts in the data's own clause) or intent, lure, threat, advice and open-question sentences
("designed to steal", "the goal of the campaign is …", "trick people into giving private
information such as bank details", "threatening to release patient records", "best practices
include updating account credentials", "must ensure that customer data is encrypted", "will
determine whether … has been compromised" — unless a loss is reported between the question and
the data); generic words ("names",
"address") count only inside a list or with an owner ("the names of 114 car dealerships").
Lists carry on: an item the gazetteer does not know between two it knows ("HTTP cookies,
authentication tokens, HTTP POST bodies, and …"), or opening or closing a list of two known ones
("exposed session tokens, API keys and passwords", "names, passwords and loyalty points were
taken"), is a data type (one to four words, no adverb or participle), a catch-all ("and other
sensitive data") and lure messages ("phishing emails") are not, and a list goes on past a long
item ("…, as well as the last four digits of their card number"). One entry per data type:
mentions that differ only in a head word ("W-2 tax data" / "W-2 forms") are one.

When the attack-type classifier ran before this component and found a vulnerability advisory
(``doc._.incident_kind == "vulnerability"``), nothing was stolen from a victim: compromised
services and data types are dropped, services taken offline are kept.

Articles in another language with a lexicon ``data/gazetteers/services_<lang>.jsonl`` (de, fr,
it, es, nl; ``doc._.language``) use its terms ("Kundenportal", "application mobile de
billetterie", "portale riservato ai soci"), head patterns, status cues ("nicht mehr
erreichbar", "inaccessibles", "sospesi", "rétabli"), negations ("nicht betroffen", "a continué
de fonctionner") and hypothetical words instead of the English rules; negations count in the
candidate's own clause, a cue between two services goes to the nearer one, and a later mention
whose words are a subset of an earlier one's updates that service's state.

All gazetteers are component data: ``to_disk``/``from_disk`` save and load them with the
pipeline, ``initialize(gazetteer_dir=…)`` reloads them from another directory.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.nlp.extensions import register_extensions
from pipeline.nlp.quote_rules import doc_text
from pipeline.nlp.services_clauses import add_clause_service, clause_services
from pipeline.nlp.services_lexicon import (
    ADVICE, AFFECTED_AFTER, AFTER_HEAD_STOP, AGENTS, BACKGROUND_ANY, BACKGROUND_START, BACKREF_ALL,
    BARE_GENERIC, BARE_REFERENCE, CLAUSE_END, CLAUSE_LINK, CLAUSE_VERBS, CUES, DATA_CARE_BEFORE,
    DATA_CLAUSE_LINK, DATA_CUES, DATA_HYPOTHETICAL, DATA_NEG, DATA_OBJECTS, DATA_UMBRELLA, ED_OK,
    FALLBACK_BEFORE, FLAW_BEFORE, FUTURE_RESTORE, GENERIC_ATTACKERS, GENERIC_SENT, GENERIC_STATE,
    HABITUAL, HEADS, HEAD_IDS, HYPOTHETICAL, IF_BEFORE, INABILITY_MORE, INABILITY_VERB, ING_OK,
    KEEP_MODIFIERS, LIST_TRIGGER, MANUAL_LIST, NEGATION, NO_BEFORE, OPEN_QUESTION,
    PARTICIPLE_STATUS, PURPOSE, QUANT_OK, RESTORED_BACKREF, SCAN_DATA_CUES, SCAN_INABILITY,
    SCAN_LIST_ANYWHERE, SCAN_MANUAL_WORDS, SECURE_KINDS, SHARED_MODIFIER_AFTER, SINGLE_GENERIC,
    SPECIAL_HEADS, STOP, SUBMITTED, TASK_START, UNABLE_BEFORE, UNABLE_TASK_BEFORE, VERBISH,
    VERB_BEFORE, attacker_owned, clause_start, clause_text, count_word_before, in_enumeration,
    norm)
from pipeline.records import Service

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteers"
SERVICES_FILE = "services.jsonl"
DATA_FILE = "services_data.jsonl"
LANG_GLOB = "services_??.jsonl"    # services_de.jsonl, services_fr.jsonl, …


def _load_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class AffectedServices:
    def __init__(self, nlp: Language, name: str, window: int, max_modifiers: int,
                 data_window: int = 120):
        self.name = name
        self.window = window
        self.data_window = data_window
        self.max_modifiers = max_modifiers
        self.vocab = nlp.vocab
        self.service_terms: list[str] = []
        self.data_terms: list[str] = []
        self._cue_res = {k: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I)
                         for k, v in CUES.items()}
        self._cue_cache: dict[str, list] = {}
        # (object pattern?, lower-case string id) -> whether a clause pattern may start at that word
        self._first_cache: dict[tuple[str, int], bool] = {}
        self._build()

    # -------------------------------------------------------------- data
    def initialize(self, get_examples=None, *, nlp=None, gazetteer_dir: str | None = None):
        d = Path(gazetteer_dir) if gazetteer_dir else GAZETTEER_DIR
        self.service_terms = [r["pattern"] for r in _load_jsonl(d / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(d / DATA_FILE)]
        self._load_languages(d)
        self._compile()

    def _build(self) -> None:
        self.service_terms = [r["pattern"] for r in _load_jsonl(GAZETTEER_DIR / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(GAZETTEER_DIR / DATA_FILE)]
        self._load_languages(GAZETTEER_DIR)
        self._compile()

    def _load_languages(self, directory: Path) -> None:
        """Language lexicons (``services_<lang>.jsonl``): terms, regexes, status cues,
        negations and hypothetical words of one language each."""
        self.lang_rows: dict[str, list[dict]] = {}
        for path in sorted(Path(directory).glob(LANG_GLOB)):
            rows = _load_jsonl(path)
            lang = next((r["language"] for r in rows if r.get("kind") == "language"), None)
            if lang:
                self.lang_rows[lang] = rows
        self.lexicons = {lang: _ServiceLexicon(rows) for lang, rows in self.lang_rows.items()}

    def _compile(self) -> None:
        self.svc_matcher = PhraseMatcher(self.vocab, attr="LOWER")
        self.data_matcher = PhraseMatcher(self.vocab, attr="LOWER")
        # patterns are tokenised with the pipeline's own tokenizer-free make_doc equivalent
        from spacy.lang.en import English
        tok = English().tokenizer
        self.svc_matcher.add("SERVICE", [tok(t) for t in self.service_terms])
        self.data_matcher.add("DATA", [tok(t) for t in self.data_terms])

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for fname, terms in ((SERVICES_FILE, self.service_terms), (DATA_FILE, self.data_terms)):
            with (path / fname).open("w", encoding="utf-8") as fh:
                for t in terms:
                    fh.write(json.dumps({"pattern": t}, ensure_ascii=False) + "\n")
        for lang, rows in self.lang_rows.items():
            with (path / LANG_GLOB.replace("??", lang)).open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    def from_disk(self, path, exclude=tuple()):
        path = Path(path)
        self.service_terms = [r["pattern"] for r in _load_jsonl(path / SERVICES_FILE)]
        self.data_terms = [r["pattern"] for r in _load_jsonl(path / DATA_FILE)]
        self._load_languages(path)
        self._compile()
        return self

    # -------------------------------------------------------------- call
    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicons.get((getattr(doc._, "language", None) or "en").lower()[:2])
        # doc.text and doc.sents are rebuilt from the tokens on every access (and Span.text
        # too): read them once per Doc and slice the text
        text = doc_text(doc)
        sents = list(doc.sents)
        self._cue_cache.clear()   # cue matches are kept for one Doc only
        if lex is not None:
            services = self._services_lexicon(doc, lex, text, sents)
            data = self._data_lexicon(doc, lex, text, sents)
        else:
            services = self._services(doc, text, sents)
            data = self._data(doc, text, sents)
        if getattr(doc._, "incident_kind", None) == "vulnerability":
            # an advisory has no victim: only features taken offline because of it count
            services = [s for s in services if s.status != "compromised"]
            data = []
        doc._.services = services
        doc._.compromised_data = data
        return doc

    def _services_lexicon(self, doc: Doc, lex: "_ServiceLexicon", text: str | None = None,
                          sents: list | None = None) -> list[Service]:
        """Services of an article in a lexicon language: gazetteer terms and head patterns,
        the status from the nearest cue of the sentence (negations and hypotheticals count
        in the candidate's own clause), one entry per service (a mention whose words are a
        subset of an earlier one's is the same service), the latest state."""
        text = doc.text if text is None else text
        cands = []
        for rx in lex.candidate_res:
            cands.extend(m.span() for m in rx.finditer(text))
        cands.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for a, b in cands:
            if not any(a < kb and ka < b for ka, kb in kept):
                kept.append((a, b))
        sents = [(s.start_char, s.end_char) for s in (doc.sents if sents is None else sents)]
        found: list[list] = []   # [start, end, text, status, key]
        for a, b in sorted(kept):
            ss, se = next(((x, y) for x, y in sents if x <= a < y), (0, len(text)))
            st = text[ss:se]
            ra, rb = a - ss, b - ss
            # the candidate's clause: between the commas/semicolons around it
            cs = max(st.rfind(",", 0, ra), st.rfind(";", 0, ra)) + 1
            ce_c = [x for x in (st.find(",", rb), st.find(";", rb)) if x >= 0]
            ce = min(ce_c) if ce_c else len(st)
            clause = st[cs:ce]
            if lex.hypothetical and lex.hypothetical.search(st):
                continue
            others = [(x - ss, y - ss) for x, y in kept if (x, y) != (a, b) and ss <= x < se]
            status = self._lex_status(lex, st, ra, rb, cs, ce, others)
            if status is None:
                continue
            if status != "restored" and lex.negation and lex.negation.search(clause):
                continue
            key = {w.lower() for w in re.findall(r"\w+", text[a:b]) if len(w) > 3} or \
                {text[a:b].lower()}
            same = next((f for f in found if key <= f[4] or f[4] <= key), None)
            if same is None:
                found.append([a, b, text[a:b], status, key])
            else:
                same[3] = status   # the latest state wins
        return [Service(text=f[2], start_char=f[0], end_char=f[1], status=f[3]) for f in found]

    def _data_lexicon(self, doc: Doc, lex: "_ServiceLexicon", text: str | None = None,
                      sents: list | None = None) -> list[str]:
        """Data types of a lexicon language named in a sentence with a data-loss cue, not in
        one that denies or doubts it ("keine Kundendaten", "ob … kopiert haben, ist unklar")."""
        if lex.data_re is None or lex.data_cue is None:
            return []
        text = doc.text if text is None else text
        out: list[str] = []
        seen: set[str] = set()
        for sent in (doc.sents if sents is None else sents):
            st = text[sent.start_char:sent.end_char]
            if not lex.data_cue.search(st):
                continue
            if (lex.data_negation and lex.data_negation.search(st)) or \
                    (lex.hypothetical and lex.hypothetical.search(st)):
                continue
            for m in lex.data_re.finditer(text, sent.start_char, sent.end_char):
                if m.group().lower() not in seen:
                    seen.add(m.group().lower())
                    out.append(m.group())
        return out

    def _lex_status(self, lex: "_ServiceLexicon", st: str, ra: int, rb: int, cs: int,
                    ce: int, others: list[tuple[int, int]] = ()) -> str | None:
        """Nearest cue in the clause, else in the sentence within 3 windows; a cue nearer
        to another service on its far side is that service's ("a filtering service that
        restored the website")."""
        best = None
        for status, rx in lex.cues.items():
            for m in rx.finditer(st):
                if ra <= m.start() < rb:
                    continue
                d = m.start() - rb if m.start() >= rb else ra - m.end()
                if m.start() >= rb and any(0 <= x - m.end() < d and not re.search(
                        r"[,;:]", st[m.end():x]) for x, _ in others):
                    continue
                if m.start() < ra and any(0 <= m.start() - y < d and not re.search(
                        r"[,;:]", st[y:m.start()]) for _, y in others):
                    continue
                in_clause = cs <= m.start() < ce
                if not in_clause and d > 3 * self.window:
                    continue
                rank = (0 if in_clause else 1, d)
                if best is None or rank < best[0]:
                    best = (rank, status)
        return best[1] if best else None

    def _quote_spans(self, doc: Doc) -> list[tuple[int, int]]:
        return []

    def _candidates(self, doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
        """Token spans (start, end) of service mentions."""
        spans = [(s, e) for _, s, e in self.svc_matcher(doc)]
        gazetteer = list(spans)
        # only the head tokens are visited (one array test instead of a Token per word)
        for i in [k for k, x in enumerate(doc.to_array(LOWER).tolist()) if x in HEAD_IDS]:
            low = doc[i].lower_
            if low not in HEADS:
                continue
            if low in {"email", "e-mail", "lines", "banking", "ordering", "payments", "booking",
                       "bookings", "files", "phones", "devices", "equipment", "machines"} and \
                    not (i > 0 and doc[i - 1].lower_ not in STOP and doc[i - 1].is_alpha):
                continue
            # walk left over modifiers
            j = i
            while j > 0 and i - j < self.max_modifiers:
                p = doc[j - 1]
                pl = p.lower_
                if p.text in {"-", "–"} and j >= 2 and not doc[j - 2].whitespace_ and \
                        not p.whitespace_:
                    j -= 2      # hyphenated compounds: "click-and-collect", "point-of-sale"
                    continue
                if p.is_punct or p.is_space:
                    break
                if pl in STOP and pl not in QUANT_OK:
                    break
                if pl in QUANT_OK:
                    j -= 1
                    break
                if p.like_num or (p.ent_type_ in {"PERSON", "GPE", "NORP", "DATE", "CARDINAL"}):
                    break
                if p.text.endswith(("'s", "’s")) or (j - 2 >= 0 and doc[j - 1].text in {"'s", "’s"}):
                    break
                if pl in {"'s", "’s"}:
                    break
                if p.is_title and not (pl in KEEP_MODIFIERS) and p.ent_type_ not in {"", "ORG"}:
                    break
                if pl.endswith("ly") and pl not in {"family", "supply"}:
                    break
                if pl in PARTICIPLE_STATUS:
                    if not self._verb_reading(doc, j - 1):
                        j -= 1  # "seized computers", "affected servers": status from the word
                    break   # "… had reconnected and restored online ordering": a verb
                if any(rx.fullmatch(pl) for rx in self._cue_res.values()):
                    break   # a status cue ("suspend online ordering") is not a modifier
                if pl in VERBISH or (pl.endswith("ing") and pl not in ING_OK) or (
                        pl.endswith("ed") and pl not in ED_OK) or p.text.startswith("-"):
                    break
                if p.ent_type_ in {"ORG", "PERSON", "GPE", "THREAT_ACTOR", "MALWARE"} and \
                        pl not in KEEP_MODIFIERS:
                    break
                j -= 1
            if j == i and i > 0 and doc[i - 1].like_num:
                # "more than 2,000 computers"
                j = i - 1
                if j >= 2 and doc[j - 2].lower_ in {"more", "over", "about", "nearly",
                                                    "almost", "some"} and \
                        doc[j - 1].lower_ in {"than", "of", "than"}:
                    j -= 2
                elif j >= 1 and doc[j - 1].lower_ in {"over", "about", "nearly", "almost", "all"}:
                    j -= 1
            if j < i and doc[j].lower_ == "encrypted" and doc[j + 1].lower_ in SECURE_KINDS:
                continue   # "an encrypted messaging app": a kind of app, not a ransomware victim
            if low in {"service", "services"} and i >= 3 and doc[i - 1].lower_ == "-" and \
                    doc[i - 2].lower_ == "a" and doc[i - 4 if i >= 4 else 0].lower_ == "as":
                continue   # "ransomware-as-a-service": a business model, no victim's service
            if j == i - 1 and doc[j].like_num and j > 0 and doc[j - 1].is_title and \
                    doc[j].text.isdigit() and len(doc[j].text) <= 4 and \
                    not count_word_before(doc[j - 1]):
                j = i      # "Windows 10 systems": a product version, not a count
                if low in BARE_GENERIC:
                    continue
            if j < i and doc[j].lower_ in GENERIC_STATE:
                continue   # "normal operations", "day-to-day operations": a state, no service
            if j == i - 1 and doc[j].lower_ == "other" and low in BARE_GENERIC | {
                    "websites", "sites", "services", "platforms", "apps", "applications"}:
                continue   # "passwords stolen from other websites": somebody else's
            if low in {"applications", "application"} and j < i and \
                    doc[i - 1].lower_ in SUBMITTED:
                continue   # "job applications", "loan applications": documents, not software
            if j == i - 1 and doc[j].lower_ in PARTICIPLE_STATUS and low == "files":
                continue   # "encrypted files": data, not a service
            if j < i and doc[j].lower_ in PARTICIPLE_STATUS:
                if i + 1 < len(doc) and doc[i + 1].lower_ in HEADS:
                    spans.append((j, i + 2))
                else:
                    spans.append((j, i + 1))
                continue
            if j == i and low in BARE_GENERIC:
                # "its computers", "the city's network": a bare generic head counts only
                # when it belongs to someone
                p = doc[i - 1] if i > 0 else None
                if p is None or not (p.lower_ in {"its", "their", "our"} or
                                     p.text in {"'s", "’s"} or p.text.endswith(("'s", "’s"))):
                    continue
            if j == i and low in {"system", "systems", "service", "services", "network", "app",
                                  "networks", "operations", "functions", "site", "sites",
                                  "platform", "platforms", "applications", "application",
                                  "apps", "server", "servers", "infrastructure", "drives",
                                  "computer", "database", "databases", "devices",
                                  "terminals", "website", "websites"}:
                # a bare head is too vague, except plural infrastructure words
                if low not in {"computers", "servers", "databases", "networks", "network",
                               "systems", "website", "app", "apps"}:
                    continue
            if i + 1 < len(doc) and doc[i + 1].lower_ in AFTER_HEAD_STOP:
                continue   # "computer virus", "email address", "network security"
            of_end = self._of_name(doc, i)
            if of_end is not None:
                spans.append((j, of_end))
                continue
            if low in SPECIAL_HEADS and j == i:
                continue   # "email" / "files" alone is too vague
            # extend right: "system(s) supporting order management", "site of X"
            e = i + 1
            if e < len(doc) and doc[e].lower_ in HEADS and doc[e].lower_ not in {"email"}:
                e += 1
            if low in {"site", "website", "portal", "network", "systems", "servers"} and \
                    e + 1 < len(doc) and doc[e].lower_ == "of":
                # "the site of the Polish Financial Supervision Authority"
                k = e + 1
                if k < len(doc) and doc[k].lower_ == "the":
                    k += 1
                k0 = k
                while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and k - k0 < 6:
                    k += 1
                if k > k0:
                    e = k
            spans.append((j, e))
        for ent in doc.ents:
            # a named system the NER took for an organisation: "Radiology Information System"
            if ent.label_ == "ORG" and len(ent) >= 2 and ent[-1].is_title and \
                    ent[-1].lower_ in {"system", "portal", "platform", "database", "network"}:
                spans.append((ent.start, ent.end))
        full = doc.text if text is None else text
        for m in SCAN_INABILITY.finditer(full):
            g = 1 if m.group(1) else 2
            if IF_BEFORE.search(full, max(0, m.start() - 80), m.start()):
                continue  # "what would they do if they couldn't take payments": hypothetical
            span = doc.char_span(m.start(g), m.end(g), alignment_mode="contract")
            shared = SHARED_MODIFIER_AFTER.match(full, m.end(g))
            if span is not None and span[-1].lower_ in KEEP_MODIFIERS and shared and \
                    shared.group(1).lower() in HEADS:
                # "unable to access online and mobile banking": "online" is a modifier of the
                # service after the conjunction, not the task's object (a head ends it: not
                # "could not access email and officials said …")
                span = None
            if span is not None and len(span) >= 2 and not any(
                    span.start < gs and ge <= span.end for gs, ge in gazetteer):
                # (a known service inside the task is that service: "could not use online
                # banking" -> online banking)
                spans.append((span.start, span.end))
            more = INABILITY_MORE.match(full, m.end(g))
            if more and not TASK_START.match(more.group(1)) and not self._bare_object(
                    doc, full, more.start(1), more.end(1), gazetteer):
                more = None
            if g == 1 and more and more.group(1).split()[-1].lower() not in DATA_OBJECTS:
                span = doc.char_span(more.start(1), more.end(1), alignment_mode="contract")
                if span is not None:
                    spans.append((span.start, span.end))
        # keep the longest non-overlapping spans
        spans = sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if any(s < ke and ks < e for ks, ke in kept):
                continue
            kept.append((s, e))
        return sorted(kept)

    @staticmethod
    def _bare_object(doc: Doc, full: str, start: int, end: int,
                     gazetteer: list[tuple[int, int]]) -> bool:
        """Whether the words at ``full[start:end]`` after "and"/"or" that follow an inability
        phrase without a task verb are a second object of that phrase ("could not use
        click-and-collect or gift cards"), not the start of a new clause ("could not pay bills
        and the council said …", "… and police are investigating"): a service head word or a
        known service ends them, or they end the clause, and the second word is no verb."""
        words = full[start:end].split()
        last = words[-1].lower()
        if len(words) == 2 and last not in HEADS and (
                last in CLAUSE_VERBS or (last.endswith("ed") and len(last) > 4)):
            return False
        if last in HEADS or last in SPECIAL_HEADS:
            return True
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and any(ge == span.end and gs < span.end for gs, ge in gazetteer):
            return True
        return CLAUSE_END.match(full, end) is not None

    @staticmethod
    def _verb_reading(doc: Doc, k: int) -> bool:
        """The status participle at token ``k`` is the sentence's verb, not a modifier."""
        if k == 0 or doc[k].is_sent_start:
            return False
        p = doc[k - 1]
        return p.lower_ in VERB_BEFORE or (p.lower_.endswith("ly") and p.is_alpha and
                                            p.lower_ not in {"family", "supply"}) or \
            p.ent_type_ in {"ORG", "PERSON", "MALWARE", "THREAT_ACTOR"} or (
                # "Officers seized servers", "Police seized computers": a subject, not a
                # modifier of the service
                p.is_alpha and p.lower_ not in STOP and p.lower_ not in KEEP_MODIFIERS
                and p.lower_ not in QUANT_OK and (p.lower_ in AGENTS or (
                    p.is_title and k - 1 > 0 and doc[k - 2].is_sent_start is False
                    and doc[k - 2].lower_ in {",", "and"})))

    def _of_name(self, doc: Doc, i: int) -> int | None:
        """'the site of the Polish Financial Supervision Authority': the head with its owner."""
        if doc[i].lower_ not in {"site", "website", "portal", "network", "systems", "servers",
                                 "database", "databases"}:
            return None
        k = i + 1
        if k + 1 >= len(doc) or doc[k].lower_ != "of":
            return None
        k += 1
        if doc[k].lower_ == "the":
            k += 1
        k0 = k
        while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha \
                and k - k0 < 6:
            k += 1
        return k if k - k0 >= 1 else None

    def _status(self, sent_text: str, rel_s: int, rel_e: int, named: bool = False) -> str | None:
        best = None
        window = 3 * self.window if named else self.window
        for status, m in self._cue_matches(sent_text):
            if rel_s <= m.start() < rel_e:
                continue   # the cue is part of the service phrase itself
            d = m.start() - rel_e if m.start() >= rel_e else rel_s - m.end()
            if d > window:
                continue
            if not self._cue_counts(sent_text, m, status, after=m.start() >= rel_e):
                continue
            if m.end() <= rel_s and self._across_dash(sent_text, m.end(), rel_s):
                continue
            # cue after the service weighs a little less than one right before it
            if best is None or d < best[0]:
                best = (d, status, m)
        return best[1] if best else None

    def _cue_matches(self, sent_text: str) -> list[tuple[str, re.Match]]:
        """Every status cue of a sentence, in status then text order (a sentence with several
        service candidates is scanned once)."""
        hit = self._cue_cache.get(sent_text)
        if hit is None:
            hit = [(status, m) for status, rx in self._cue_res.items()
                   for m in rx.finditer(sent_text)]
            self._cue_cache[sent_text] = hit
        return hit

    @staticmethod
    def _cue_counts(sent_text: str, m: re.Match, status: str, after: bool) -> bool:
        """A cue word that says nothing about this service's state: a restoration still to
        come ("until the systems are restored", "expects to restore"), a flaw "affecting" a
        product (exposure, not disruption), "without" after the service ("… without MFA")."""
        left = sent_text[max(0, m.start() - 80):m.start()]
        word = m.group().lower()
        if status == "restored" and FUTURE_RESTORE.search(left):
            return False
        if word.startswith("affect") and FLAW_BEFORE.search(left):
            return False
        if word == "without" and after:
            return False
        return True

    @staticmethod
    def _across_dash(sent_text: str, a: int, b: int) -> bool:
        """A dash clause boundary between a cue and the service after it ("not just a
        website outage - it was a breakdown in core retail operations")."""
        return bool(re.search(r"\s[-–—]\s", sent_text[a:b]))

    def _negated(self, sent_text: str, rel_s: int, rel_e: int) -> bool:
        window = sent_text[max(0, rel_s - 60):rel_e + 60]
        if re.match(r"\s+(?:remains?|continues?|is still|are still)\s*(?:[,.;]|$)",
                    sent_text[rel_e:rel_e + 20]):
            return True   # "While phone service remains, …"
        if UNABLE_BEFORE.search(sent_text, 0, rel_s) and \
                INABILITY_VERB.match(sent_text, rel_s):
            # "drivers could not print delivery notes", "could not log into online banking":
            # the "not" is the outage
            return False
        if UNABLE_TASK_BEFORE.search(sent_text, 0, rel_s):
            return False   # "could not use internet banking or the mobile app"
        if NO_BEFORE.search(sent_text, max(0, rel_s - 40), rel_s) and \
                AFFECTED_AFTER.match(sent_text, rel_e):
            # "no critical infrastructure had been affected" (not "customers had no online
            # banking for three days": the outage itself)
            return True
        return bool(NEGATION.search(window))

    def _services(self, doc: Doc, text: str | None = None,
                  sents: list | None = None) -> list[Service]:
        found: dict[str, list] = {}
        order: list[str] = []
        org_spans = [(m.start_char, m.end_char) for o in (doc._.organisations or [])
                     for m in (o.mentions or ())]
        org_spans += [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
        # doc.text and doc.sents are rebuilt from the tokens on every access: read them once
        text = doc.text if text is None else text
        sents = list(doc.sents) if sents is None else sents
        sent_starts = [x.start for x in sents]
        background = self._background_sentences(doc, sents, text)
        words: dict[str, set[str]] = {}    # key -> words of every mention merged into it
        last: dict[str, int] = {}          # key -> offset of the mention that set the state

        def add(key: str, start: int, end: int, text: str, status: str, latest: bool) -> None:
            """One entry per service: a mention whose words are a subset (or superset) of an
            earlier one's ("card payments" / "integrated card payments", "its systems" /
            "computer systems") is the same service and updates its state."""
            ws = set(norm(text).split()) or {key}
            same = key if key in found else next(
                (k for k in order if ws <= words[k] or
                 (len(found[k][2].split()) >= 2 and set(norm(found[k][2]).split()) <= ws)),
                None)
            if same is None:
                found[key] = [start, end, text, status]
                order.append(key)
                words[key] = ws
                last[key] = start
            else:
                words[same] |= ws
                if latest:
                    found[same][3] = status    # the latest state wins
                    last[same] = start

        sent_chars = [x.start_char for x in sents]
        clause = sorted(clause_services(doc, text, self._first_cache))
        events = sorted([(doc[s].idx, 0, s, e) for s, e in self._candidates(doc, text)] +
                        [(a, 1, n, 0) for n, (a, *_rest) in enumerate(clause)])
        for _, is_clause, s, e in events:
            if is_clause:
                add_clause_service(doc, text, sents, sent_chars, background, org_spans,
                                   clause[s], add)
                continue
            span = doc[s:e]
            named_system = span[-1].lower_ in {"system", "portal", "platform", "database"} and \
                span[-1].is_title
            sc, ec = span.start_char, span.end_char
            if not named_system and any(a <= sc < b or a < ec <= b for a, b in org_spans):
                continue   # "Lloyds Banking Group", "Cisco Systems" are organisations
            if span.start > 0 and doc[span.start - 1].lower_ in {"this", "these", "that", "those",
                                                                "same"}:
                continue   # "this key customer service": a reference back, not a new service
            if attacker_owned(doc, span.start):
                continue   # "the gang's payment portal was taken down": the attackers' own
            if span[0].text[:1] in "-–—":
                span = span[1:]
                if not len(span):
                    continue
                sc, ec = span.start_char, span.end_char
            sent = sents[bisect_right(sent_starts, span.start) - 1]
            if sent.start in background or \
                    GENERIC_SENT.match(text, sent.start_char, sent.end_char):
                continue   # "In March, the city of X was attacked …": another incident;
                # "Companies are increasingly …": no incident at all
            st = text[sent.start_char:sent.end_char]
            cs = sent.start_char + clause_start(st, sc - sent.start_char)
            if HABITUAL.search(clause_text(st, sc - sent.start_char, ec - sent.start_char)) or \
                    GENERIC_ATTACKERS.match(text, cs):
                continue   # "The criminals begin by compromising the firm's email server"
            span_text = text[sc:ec]
            if HYPOTHETICAL.search(st) and not re.search(r"\b(could not|couldn't|cannot|can't|"
                                                         r"would not|wouldn't)\b", st):
                continue
            rel_s, rel_e = sc - sent.start_char, ec - sent.start_char
            if FALLBACK_BEFORE.search(st[max(0, rel_s - 60):rel_s]) or \
                    re.match(r"\s+instead\b", st[rel_e:]):
                continue   # "reverted to cash and standalone card machines": the fallback
            if span[0].lower_ in PARTICIPLE_STATUS and len(span) >= 2:
                status = PARTICIPLE_STATUS[span[0].lower_]
                add(norm(span_text), sc, ec, span_text, status, False)
                continue
            named = len(span) >= 2 and all(t.is_title or not t.is_alpha for t in span) and \
                span[-1].lower_ in {"system", "systems", "portal", "platform", "service",
                                    "network", "database", "application", "app", "survey"}
            status = self._status(st, rel_s, rel_e, named)
            if status is None:
                continue
            if self._negated(st, rel_s, rel_e) and status != "restored":
                continue
            if status == "disrupted" and RESTORED_BACKREF.search(st, rel_e):
                status = "restored"   # "… were taken offline, and both are available again"
            key = re.sub(r" (service|system|servic)$", "", norm(span_text))
            if not key:
                continue
            add(key, sc, ec, span_text, status, True)
        # a list needs a trigger or a "manual" word somewhere in the text: most texts have none
        listing = bool(SCAN_LIST_ANYWHERE.search(text) or SCAN_MANUAL_WORDS.search(text))
        for sent in sents if listing else ():
            if sent.start in background:
                continue
            for start, end, status in self._listed(sent, text):
                item = text[start:end]
                key = re.sub(r" (service|system|servic)$", "", norm(item))
                if key and key not in found:
                    found[key] = [start, end, item, status]
                    order.append(key)
                    words[key] = set(norm(item).split())
                    last[key] = start
        if order:
            self._later_references(doc, text, sents, background, found, order, last)
        # a mention that came before the fuller one it belongs to ("restore our systems" …
        # "all its computer systems"): one entry, the state of the later mention
        for k in list(order):
            ws = set(norm(found[k][2]).split())
            into = next((o for o in order if o != k and ws <= words[o] and
                         found[o][0] < found[k][0] and len(ws) < len(words[o])), None)
            if into is not None and len(ws) == 1:
                if last[k] > last[into]:
                    found[into][3], last[into] = found[k][3], last[k]
                words[into] |= words[k]
                order.remove(k)
        return [Service(text=found[k][2], start_char=found[k][0], end_char=found[k][1],
                        status=found[k][3]) for k in sorted(order, key=lambda k: found[k][0])]


    def _later_references(self, doc: Doc, text: str, sents: list, background: set[int],
                          found: dict[str, list], order: list[str], last: dict[str, int]) -> None:
        """Later sentences that refer back to services already listed: "Both channels were
        fully restored" (every service of the two sentences before), "the app was back up"
        (the last listed service with that head word). The state they give is the latest."""
        for idx, sent in enumerate(sents):
            if sent.start in background:
                continue
            ss, se = sent.start_char, sent.end_char
            st = text[ss:se]
            if BACKREF_ALL.match(st):
                since = sents[max(0, idx - 2)].start_char
                for k in order:
                    if since <= last[k] < ss:
                        found[k][3], last[k] = "restored", ss
                continue
            for m in BARE_REFERENCE.finditer(st):
                a = ss + m.start(1)
                if any(f[0] <= a < f[1] for f in found.values()):
                    continue   # part of a listed mention
                head = m.group(1).lower()
                owner = [k for k in order if found[k][0] < a and
                         found[k][2].lower().split()[-1].rstrip("s") == head]
                if not owner:
                    continue
                status = self._status(st, m.start(1), m.end(1))
                if status is None or (self._negated(st, m.start(1), m.end(1)) and
                                      status != "restored"):
                    continue
                k = max(owner, key=lambda x: found[x][0])
                if a > last[k]:
                    found[k][3], last[k] = status, a

    @staticmethod
    def _background_sentences(doc: Doc, sents: list, text: str) -> set[int]:
        """Sentences about an earlier or another incident: they open with a time or
        "elsewhere" marker ("In March, …", "Last month …", "Elsewhere, …"), name no victim of
        the article, and name another organisation or an indefinite one ("a supplier")."""
        if not BACKGROUND_ANY.search(text):
            return set()    # most articles: no marker anywhere, nothing to check
        orgs = doc._.organisations or []
        victim_spans = [(m.start_char, m.end_char) for o in orgs if o.role == "victim"
                        for m in (o.mentions or ())]
        victim_forms = [f.lower() for o in orgs if o.role == "victim"
                        for f in (o.name, *o.aliases) if f]
        other_spans = [(m.start_char, m.end_char) for o in orgs if o.role != "victim"
                       for m in (o.mentions or ())]
        other_spans += [(e.start_char, e.end_char) for e in doc.ents
                        if e.label_ in {"ORG", "GPE"}]
        out = set()
        for sent in sents:
            m = BACKGROUND_START.match(text, sent.start_char, sent.end_char)
            if not m:
                continue
            a, b = sent.start_char, sent.end_char
            st = text[a:b]
            low = st.lower()
            if any(a <= x < b for x, _ in victim_spans) or any(f in low for f in victim_forms):
                continue
            if any(a <= x < b and not any(vx <= x < vy for vx, vy in victim_spans)
                   for x, _ in other_spans) or \
                    re.match(r"(?:[\w\-]+,?\s+){0,3}an?\s+[a-z]",
                             st[m.end() - a:].lstrip(" ,")):
                out.add(sent.start)
        return out

    def _listed(self, sent, text: str | None = None) -> list[tuple[int, int, str]]:
        """Items listed after a service word: "disabled three features on its platform;
        email obfuscation, Server-side Excludes and Automatic HTTPS Rewrites", "applications
        such as … paying bills", "all servers, including network shared drives"."""
        st = sent.text if text is None else text[sent.start_char:sent.end_char]
        out = []
        for m in LIST_TRIGGER.finditer(st):
            status = self._status(st, m.start(1), m.end(1), named=True)
            if status is None or HYPOTHETICAL.search(st[:m.start()]):
                continue
            tail = st[m.end():]
            if tail[:1] in "\"“‘'":
                continue   # 'left a note on the servers telling managers: "We have …"': speech
            stop = re.search(r",\s+(?:as|which|that|because|while|but|who|and the|so)\b|[.;!?](?:\s|$)|"
                             r"\s+(?:remain|remains|were|was|are|is|will|have|has)\b|"
                             # a speech tag ends the list: "…, or Microsoft Edge to
                             # distribute the ransomware, researchers said"
                             r",\s+(?:\w+\s+){0,3}?(?:said|says|told|noted|added|wrote|"
                             r"explained|according)\b", tail)
            seg = tail[:stop.start()] if stop else tail
            pos = m.end()
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", seg):
                off = st.find(part, pos - sent.start_char if False else pos)
                if off < 0:
                    continue
                pos = off + len(part)
                item = part.strip(" “”\"'’")
                item = re.sub(r"^(?:means for|the ability to|the|its|their)\s+", "", item)
                if not item or not 1 <= len(item.split()) <= 6:
                    continue
                a = sent.start_char + st.find(item, off)
                out.append((a, a + len(item), status))
        # "Service orders, account creation, … will utilize manual processes"
        m = MANUAL_LIST.match(st) if SCAN_MANUAL_WORDS.search(st) else None
        if m and m.group(1).count(",") >= 2:
            pos = 0
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+", m.group(1)):
                item = part.strip()
                off = st.find(item, pos)
                if item and off >= 0 and 1 <= len(item.split()) <= 4:
                    pos = off + len(item)
                    a = sent.start_char + off
                    out.append((a, a + len(item), "disrupted"))
        return out


    def _data(self, doc: Doc, text: str | None = None, sents: list | None = None) -> list[str]:
        text = doc.text if text is None else text
        sents = list(doc.sents) if sents is None else sents
        sent_starts = [x.start for x in sents]
        data_cues: dict[str, list] = {}   # sentence text -> its DATA_CUES matches
        hypothetical: dict[str, bool] = {}   # sentence text -> DATA_HYPOTHETICAL found
        out: list[str] = []
        seen: set[str] = set()
        matches = sorted(((s, e) for _, s, e in self.data_matcher(doc)),
                         key=lambda x: (-(x[1] - x[0]), x[0]))
        kept: list[tuple[int, int]] = []
        for s, e in matches:
            if any(s < ke and ks < e for ks, ke in kept):
                continue
            kept.append((s, e))
        kept += self._list_items(doc, text, sorted(kept))
        chain_end = -1      # end of the last kept item: lists carry on ("…, and sort code")
        chain_tok = 0
        for s, e in sorted(kept):
            if s < chain_tok:
                continue   # inside the previous item ("… information (PHI)")
            span = doc[s:e]
            # extend left over a data-owner modifier: "customer names", "staff email addresses"
            j = s
            while j > 0 and s - j < 3:
                p = doc[j - 1]
                if p.lower_ in {"customer", "customers", "customers'", "customers’", "employee",
                                "employees", "staff", "patient", "patients", "user", "users",
                                "member", "members", "student", "students", "voter", "client",
                                "clients", "partial", "full", "personal", "financial", "home",
                                "physical", "mobile", "payment", "bank", "sensitive",
                                "private", "account", "login", "health", "medical", "tax",
                                "2016", "2017", "2018", "last", "four", "digits"} or \
                        (p.text in {"'", "’"} and j - 2 >= 0):
                    j -= 1
                    continue
                break
            span = doc[j:e]
            sent = sents[bisect_right(sent_starts, j) - 1]
            if e > sent.end:
                sent = span.sent   # a span across a sentence boundary: spaCy's own rule
            st = text[sent.start_char:sent.end_char]
            rs, re_ = span.start_char - sent.start_char, span.end_char - sent.start_char
            if st not in data_cues:
                data_cues[st] = list(SCAN_DATA_CUES.finditer(st))
            near = [m for m in data_cues[st]
                    if (0 <= m.start() - re_ <= self.data_window)
                    or (0 <= rs - m.end() <= self.data_window)]
            chained = sent.start_char <= chain_end <= span.start_char and (
                span.start_char - chain_end <= 100 or (
                    span.start_char - chain_end <= 200 and
                    _LIST_GOES_ON.search(text, chain_end, span.start_char)))
            if not near and not chained:
                continue
            before = text[max(sent.start_char, span.start_char - 60):span.start_char]
            if DATA_CARE_BEFORE.search(before):
                continue   # "regularly updating account credentials": advice, no loss
            oq = None
            for oq in OPEN_QUESTION.finditer(st, max(0, rs - 120), rs):
                pass
            if oq is not None and not DATA_CUES.search(st, oq.end(), rs) and \
                    not re.search(r"[;.]", st[oq.end():rs]):
                continue   # "… will determine whether personal information … was accessed"
            if j > 0 and doc[j - 1].lower_ in _LURE_WORDS:
                continue   # "potential phishing emails": messages sent to victims, no data
            if doc[e - 1].lower_ in {"address", "addresses"} and any(
                    t.lower_ in _PAYMENT_ADDRESS for t in doc[max(0, j - 3):j]):
                continue   # "a wallet address", "the listed Bitcoin address": where to pay
            if j > 0 and doc[j - 1].lower_ == "other" and \
                    set(norm(span.text).split()) <= DATA_UMBRELLA:
                # "…, HTTP POST bodies, and other sensitive data": the list's catch-all
                chain_end, chain_tok = span.end_char, e
                continue
            if st not in hypothetical:
                hypothetical[st] = DATA_HYPOTHETICAL.search(st) is not None
            if hypothetical[st] and self._hypothetical_data(st, rs, re_):
                continue   # "…, because card numbers were captured": the modal is elsewhere
            of_end = self._of_owner(doc, e, sent.end) if doc[e - 1].lower_ in _OWNED_DATA else e
            if text[span.start_char:span.end_char].lower() in SINGLE_GENERIC and \
                    of_end == e and not in_enumeration(doc, j, e):
                continue
            neg = DATA_NEG.search(st)
            if neg:   # the denial must be in the data's own clause
                cs = clause_start(st, rs, DATA_CLAUSE_LINK)
                after = DATA_CLAUSE_LINK.search(st, re_)
                neg = DATA_NEG.search(st, cs, after.start() if after else len(st))
            if neg and neg.start() < rs + 80:
                # (a denial in another clause says nothing of this data: "The e-mail wasn't
                # from the boss, but the clerk sent the forms, giving the scammer …")
                # "no customer information was obtained", "did not include names" (a modal
                # undoes the denial only in the data's own clause)
                if not re.search(r"\b(may|might|could|likely)\b", st) or \
                        not re.search(r"\b(may|might|could|likely)\b", clause_text(st, rs, re_)):
                    continue
            # "protected health information (PHI)"
            end = span.end
            if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 1].is_upper and \
                    doc[end + 2].text == ")":
                end += 3
            else:
                end = of_end   # "the names of 114 car dealerships"
            whole = doc[j:end]
            t = text[whole.start_char:whole.end_char]
            # one entry per data type: "W-2 tax data" and "W-2 Forms" are the same
            k = " ".join(w for w in norm(t).split() if w not in _DATA_HEADS) or norm(t)
            chain_end = whole.end_char
            chain_tok = end
            if k in seen:
                continue
            seen.add(k)
            out.append(t)
        return out


    @staticmethod
    def _hypothetical_data(st: str, rs: int, re_: int) -> bool:
        """A modal, condition or advice anywhere in the data's clause, or a purpose before the
        data ("designed to steal card numbers"); a purpose after it belongs to a later deed
        ("… to access PHI and PII in order to blackmail the owners")."""
        cs = clause_start(st, rs)
        after = CLAUSE_LINK.search(st, re_)
        for m in DATA_HYPOTHETICAL.finditer(st, cs, after.start() if after else len(st)):
            if m.start() > rs and ADVICE.fullmatch(m.group(0)):
                continue   # "stole names …, which urged users to stay vigilant": a later advice
            if m.start() < rs or not PURPOSE.fullmatch(m.group(0)):
                return True
        return False

    @staticmethod
    def _of_owner(doc: Doc, end: int, limit: int) -> int:
        """The end of an "of" phrase naming whose data it is, after a name-like data word:
        "names of members of its Election Committee", "names of 114 car dealerships" (up to
        six words; a verb, a relative word, punctuation or a second preposition ends it)."""
        if end >= limit or doc[end].lower_ != "of":
            return end
        k, content = end + 1, 0
        while k < limit and k - end <= 7:
            t = doc[k]
            lw = t.lower_
            if t.is_punct or lw in _OF_STOP or (lw == "of" and content == 0):
                break
            if lw not in {"the", "its", "their", "his", "her", "our", "all", "of"}:
                content += 1
            k += 1
        while k > end + 1 and doc[k - 1].lower_ in {"the", "its", "their", "his", "her", "our",
                                                     "all", "of"}:
            k -= 1
        return k if content else end

    @staticmethod
    def _list_items(doc: Doc, text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Items of a data list that the gazetteer does not know, between two items it does
        know: "HTTP cookies, authentication tokens, HTTP POST bodies, and other sensitive
        data" (one to four words, each item separated by a comma or "and"/"or")."""
        out: list[tuple[int, int]] = []
        for (s1, e1), (s2, e2) in zip(kept, kept[1:]):
            if s2 - e1 < 3 or s2 - e1 > 12 or doc[e1].text != ",":
                continue
            a, b = doc[e1].idx, doc[s2].idx
            gap = text[a:b]
            m = _LIST_GAP.fullmatch(gap)
            if not m:
                continue
            pos = a + m.start(1)
            for part in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group(1)):
                off = text.find(part, pos, b)
                if off < 0:
                    break
                pos = off + len(part)
                words = part.split()
                if not 1 <= len(words) <= 4 or any(w.lower() in _LIST_ITEM_STOP or
                                                    w.lower().endswith("ly") for w in words) \
                        or not part[:1].isalpha() or words[-1].lower().endswith("ed"):
                    break
                span = doc.char_span(off, off + len(part))
                if span is None:
                    break
                out.append((span.start, span.end))
        # the ends of a list of at least two known items: "leaked session tokens, API keys
        # and passwords", "names, addresses and purchase histories were taken"
        items = sorted(set(kept) | set(out))
        runs: list[list[tuple[int, int]]] = []
        for it in items:
            if runs and _LIST_SEP.fullmatch(text, doc[runs[-1][-1][1] - 1].idx +
                                            len(doc[runs[-1][-1][1] - 1].text),
                                            doc[it[0]].idx):
                runs[-1].append(it)
            else:
                runs.append([it])
        for run in runs:
            if len(run) < 2:
                continue
            a = doc[run[0][0]].idx
            m = _LIST_HEAD.search(text, max(0, a - 80), a)
            while m and _LIST_HEAD.match(text, m.start(1), a):
                m = _LIST_HEAD.match(text, m.start(1), a)   # the opener nearest the list
            if m and _list_item_ok(m.group(1)):
                span = doc.char_span(m.start(1), m.end(1))
                if span is not None:
                    out.append((span.start, span.end))
            last = doc[run[-1][1] - 1]
            m = _LIST_TAIL.match(text, last.idx + len(last.text))
            if m and _list_item_ok(m.group(1)):
                span = doc.char_span(m.start(1), m.end(1))
                if span is not None:
                    out.append((span.start, span.end))
        for run in runs:
            if len(run) != 1:
                continue
            # one known item opening a list of unknown ones: every item up to "and <item>"
            last = doc[run[0][1] - 1]
            m = _LIST_AFTER_ONE.match(text, last.idx + len(last.text))
            if not m:
                continue
            parts = [(p.start() + m.start(1), p.end() + m.start(1)) for p in
                     re.finditer(r"[^,]+", m.group(1))] + [(m.start(2), m.end(2))]
            spans = []
            for a, b in parts:
                while a < b and text[a].isspace():
                    a += 1
                span = doc.char_span(a, b)
                if span is None or not _list_item_ok(text[a:b]) or \
                        set(text[a:b].lower().split()) & _SPEECH_WORDS:
                    spans = []   # "… collecting personal data, say experts and advocates."
                    break
                spans.append((span.start, span.end))
            out.extend(spans)
        return out


def _list_item_ok(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 4 and part[:1].isalpha() and \
        not words[-1].lower().endswith("ed") and \
        not any(w.lower() in _LIST_ITEM_STOP or w.lower().endswith("ly") for w in words)


# between two items of one list
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)")
# a list opened by a data-loss word, its first item unknown: "exposed session tokens, …"
_LIST_HEAD = re.compile(r"\b(?:includ\w+|such as|exposed|exposing|stole|stolen|leaked|"
                        r"accessed|obtained|contain\w*|copied|taken)\s*:?\s+(?:the\s+|their\s+|"
                        r"its\s+)?([A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}),\s*$", re.I)
# a list closed by an unknown item before its verb or the sentence end: "…, and purchase
# histories were taken"
_LIST_TAIL = re.compile(r",?\s+(?:and|or)\s+(?:(?:the|their|its|your|his|her)\s+)?([A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}?)"
                        r"(?=(?:\s*\([A-Z0-9]{2,10}\))?\s*[.;]|\s+(?:were|was|are|is|had|have|has|"
                        r"of|from|belonging|for|that|which)\b)", re.I)
# a list after ONE known item that runs to "and <item>" before the sentence end or a verb:
# "accessing contact information, SMS messages, call logs and Internet data."
_LIST_AFTER_ONE = re.compile(
    r"((?:,\s*[A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,3}?)+)" + _LIST_TAIL.pattern,
    re.I)


# a list carrying on past a long item: "…, as well as the last four digits of …"
_LIST_GOES_ON = re.compile(r"\b(?:as well as|along with|in addition to|together with|plus)\b",
                           re.I)
# the text between two known data items that holds more items
# (every item ends at a comma or "and"/"or": in ", home and business addresses" the words
# only modify the next item)
_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?([^,.;:()\"“”]+?(?:,\s*(?:(?:and|or)\s+)?"
                       r"[^,.;:()\"“”]+?)*?)\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)"
                       r"(?:other\s+)?", re.I)
_LIST_ITEM_STOP = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "said", "says",
                   "that", "which", "who", "whom", "the", "a", "an", "of", "to", "in", "on",
                   "at", "for", "from", "by", "with", "it", "they", "we", "this", "these",
                   "those", "not", "no", "also", "may", "might", "could", "will", "would",
                   "other", "more", "such", "including", "like", "as", "and", "or", "often",
                   "sometimes", "even", "usually", "then", "your", "my", "our", "their", "its",
                   "his", "her", "all", "any", "some", "many", "much", "etc"}
# data words whose owner follows in an "of" phrase
# ("the names of 114 car dealerships"; "home addresses of 5 million adults" names the victims)
_OWNED_DATA = {"names"}
_OF_STOP = {"who", "whom", "which", "that", "were", "was", "is", "are", "has", "have", "had",
            "and", "or", "but", "from", "in", "on", "at", "to", "for", "with", "by", "listed",
            "stored", "held", "kept", "who", "as", "after", "before", "since", "when", "while"}
# words that make a message a lure, not stolen data ("phishing emails", "fake documents")
_LURE_WORDS = {"phishing", "spam", "spoofed", "fake", "bogus", "fraudulent", "malicious",
               "suspicious", "scam", "booby-trapped", "rigged"}
# a speech tag after a list is no list item
_SPEECH_WORDS = {"say", "says", "said", "tell", "tells", "told", "according", "warn", "warns",
                 "warned", "note", "notes", "noted", "add", "adds", "added", "explain",
                 "explains", "explained", "claim", "claims", "claimed", "report", "reports",
                 "reported", "write", "writes", "wrote"}
# words before "address" that make it where a ransom is paid, not a person's address
_PAYMENT_ADDRESS = {"bitcoin", "btc", "wallet", "cryptocurrency", "crypto", "monero", "ethereum",
                    "listed", "payment", "ransom"}
# head words that do not tell one data type from another ("W-2 forms" = "W-2 tax data")
_DATA_HEADS = {"form", "data", "information", "info", "detail", "tax"}


class _ServiceLexicon:
    """One language's service terms, head patterns and cues (``services_<lang>.jsonl`` rows
    of kind language | term | regex | cue | negation | hypothetical)."""

    def __init__(self, rows: list[dict]):
        terms = sorted((r["pattern"] for r in rows if r.get("kind") == "term"), key=len,
                       reverse=True)
        self.candidate_res = []
        if terms:
            self.candidate_res.append(re.compile(
                r"(?<![\w\-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w\-])",
                re.I))
        self.candidate_res += [re.compile(r["pattern"]) for r in rows if r.get("kind") == "regex"]
        self.cues = {}
        for status in ("disrupted", "restored", "compromised"):
            pats = [r["pattern"] for r in rows if r.get("kind") == "cue" and
                    r.get("status") == status]
            if pats:
                self.cues[status] = re.compile(r"(?<!\w)(?:" + "|".join(pats) + r")(?!\w)", re.I)

        def words(kind: str) -> re.Pattern | None:
            pats = [r["pattern"] for r in rows if r.get("kind") == kind]
            return re.compile(r"(?<![\w'’])(?:" + "|".join(pats) + r")(?!\w)", re.I) \
                if pats else None
        self.negation = words("negation")
        self.hypothetical = words("hypothetical")
        data = sorted((r["pattern"] for r in rows if r.get("kind") == "data"), key=len,
                      reverse=True)
        self.data_re = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(t) for t in data) +
                                  r")(?![\w\-])", re.I) if data else None
        self.data_cue = words("data_cue")
        self.data_negation = words("data_negation")


@Language.factory(
    "affected_services",
    requires=["doc.sents"],
    assigns=["doc._.services", "doc._.compromised_data"],
    default_config={"window": 40, "max_modifiers": 4, "data_window": 120},
)
def make_affected_services(nlp: Language, name: str, window: int, max_modifiers: int,
                           data_window: int) -> AffectedServices:
    register_extensions()
    return AffectedServices(nlp, name, window, max_modifiers, data_window)


__all__ = ["AffectedServices", "make_affected_services"]
