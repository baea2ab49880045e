"""Quotes in other languages than English: language lexicons and the rules that use them.

``quoted_experts`` reads ``doc._.language``; when a lexicon ``data/gazetteers/quotes_<lang>.json``
exists for it (de, fr, it, es, nl are shipped), the quotes of the article are found with the
lexicon instead of the English rules:

* direct quotes in „…“, « … », «…», »…« and straight/curly marks (:mod:`quote_rules`);
* the speech tag after the quote (``«…», ha spiegato il presidente della cooperativa, Marco
  Giannelli``; ``„…“, sagte Unternehmenssprecherin Katrin Vogel am Dienstag``; ``« … »,
  a indiqué lundi soir la direction de TAV``), before it (``X sagte: „…“``), or none when the
  quote continues the previous speaker's words;
* reported speech with a complementizer (``X sagte, dass …``, ``X a déclaré que …``,
  ``X ha fatto sapere che …``, ``X dijo que …``, ``X zei dat …``);
* the speaker phrase: a person's name (capitalised words that are no title, no organisation
  and no stop word; a surname back to the full name), the role words before the name or in
  its apposition, the affiliation after a linking preposition ("an der Hochschule Lindenau",
  "au sein du cabinet Sentinelle Conseil", "della società … Torre Cyber"), in parentheses
  ("Antoine Lefèvre (Sentinelle Conseil)"), or an organisation noun that refers back ("della
  cooperativa"); an organisation speaking ("la direction de TAV");
* role words map to the English categories (spokesperson, expert, authority, staff,
  attacker) so that the speaker type is decided by the same rules as for English.

Lexicon file fields: ``speech_verbs`` (inflected forms, multi-word allowed), ``tag_only_verbs``
(only after a quote), ``complementizers``, ``pronouns_person``, ``pronouns_org``,
``honorifics``, ``determiners``, ``stop_phrases`` (end a speaker phrase, or are skipped at its
start: days, "in a statement"), ``affiliation_preps``, ``roles`` (category -> words),
``compound_roles`` (true: a word ending in a role word is that role, German "Unternehmens-
sprecherin"), ``org_nouns`` and ``stop_caps`` (capitalised words that are never names).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.nlp.quote_rules import DQ, SQ, clean_span, double_quote_spans, n_words

# English words standing for each role category in the speaker-type rules of speakers.py
CATEGORY_WORDS = {"spokesperson": {"spokesperson"}, "expert": {"expert"},
                  "authority": {"police"}, "staff": {"director"}, "attacker": {"attackers"}}
LEXICON_GLOB = "quotes_*.json"
_WORD = re.compile(r"[^\W\d_][\w’'\-]*\.?|\d[\w.]*", re.UNICODE)
@lru_cache(maxsize=1024)
def _word_re(word: str) -> re.Pattern:
    """``word`` as a whole word, any case (compiled once per word)."""
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.I)


_SENT_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bProf)(?<!\bDott)[.!?;](?=\s|$)|\n")
_PARTICLES = {"de", "van", "von", "da", "di", "del", "der", "den", "la", "le", "du", "dos",
              "das", "ter", "zu"}


class QuoteLexicon:
    """One language's word lists, compiled."""

    def __init__(self, data: dict):
        self.data = data
        self.language = data["language"]
        low = lambda xs: [x.lower() for x in xs]  # noqa: E731
        self.verbs = sorted(set(low(data.get("speech_verbs", []))), key=len, reverse=True)
        self.tag_only = set(low(data.get("tag_only_verbs", [])))
        self.comps = low(data.get("complementizers", []))
        self.pron_person = set(low(data.get("pronouns_person", [])))
        self.pron_org = set(low(data.get("pronouns_org", [])))
        self.honorifics = set(data.get("honorifics", []))
        self.determiners = set(low(data.get("determiners", [])))
        self.stop_phrases = sorted(low(data.get("stop_phrases", [])), key=len, reverse=True)
        self.preps = sorted(low(data.get("affiliation_preps", [])), key=len, reverse=True)
        self.org_nouns = set(low(data.get("org_nouns", [])))
        self.stop_caps = set(data.get("stop_caps", []))
        self.compound = bool(data.get("compound_roles", False))
        self.roles: dict[str, str] = {}
        for cat, words in data.get("roles", {}).items():
            for w in words:
                self.roles[w.lower()] = cat
        self._compound_roles = sorted((w for w in self.roles if len(w) >= 5), key=len,
                                      reverse=True)
        verbs = "|".join(re.escape(v) for v in self.verbs)
        self.verb_re = re.compile(r"(?<![\w’'])(?:" + verbs + r")(?![\w’'])", re.I)
        self.verb_at = re.compile(r"(?:" + verbs + r")(?![\w’'])", re.I)
        comps = "|".join(re.escape(c) for c in self.comps)
        # "X sagte, dass …" / "Außerdem sagte Brandt, dass …" (subject after the verb)
        self.reported_re = re.compile(r"(?<![\w’'])(" + verbs + r")((?:\s+[^\W\d][\w’'.\-]*){0,4}?)"
                                      r"\s*,?\s*(?:" + comps + r")(?:(?<=['’])|\s+)",
                                      re.I) if comps else None
        stops = "|".join(re.escape(p) for p in self.stop_phrases)
        self.stop_re = re.compile(r"(?<![\w’'])(?:" + stops + r")(?![\w’'])", re.I) \
            if stops else None
        preps = "|".join(re.escape(p) for p in self.preps)
        self.prep_re = re.compile(r"(?<![\w’'])(?:" + preps + r")(?:(?<=['’])|\s+)", re.I) \
            if preps else None
        # a complementiser opening the speaker phrase ("…, dass"): no speaker there
        self.comp_start = re.compile(r"\s*(?:" + comps + r")\b", re.I) if comps else None

    def role_of(self, word: str) -> str | None:
        lw = word.lower().rstrip(".,")
        if lw in self.roles:
            return self.roles[lw]
        if self.compound and len(lw) > 6:
            for r in self._compound_roles:
                if lw.endswith(r):
                    return self.roles[r]
        return None


GENDER_FILE = "person_gender.jsonl"


def load_genders(directory: Path) -> dict[str, str]:
    """Usual gender ("f"/"m") of first names from ``person_gender.jsonl`` (built by
    ``training/build_person_gender.py``); no file, no entries."""
    path = Path(directory) / GENDER_FILE
    if not path.exists():
        return {}
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if "first_name" in row:
                out[row["first_name"]] = row["gender"]
    return out


def load_lexicons(directory: Path) -> dict[str, dict]:
    """Raw lexicon data by language code from ``quotes_<lang>.json`` files."""
    out = {}
    for path in sorted(Path(directory).glob(LEXICON_GLOB)):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["language"]] = data
    return out


class LexiconQuotes:
    """Mixin of the quote extractor (:mod:`pipeline.nlp.quotes`) for lexicon languages. It
    reads ``text``, ``orgs``, ``sents``, ``cfg``, ``lex`` and uses ``_apply``, ``_copy``,
    ``_stype`` and ``_to_record`` of the extractor."""

    # ----------------------------------------------------------------- main
    def _run_lexicon(self):
        from pipeline.nlp.quotes import _Q
        text = self.text
        raw = sorted(set(clean_span(text, s, e) for s, e in double_quote_spans(text)))
        self.directs = [_Q(s, e, True) for s, e in raw if e > s and n_words(text[s:e]) >= 2]
        self._lex_people = None
        self._lex_block = None
        self.done = []
        for q in self.directs:
            self._lex_attribute(q)
            self.done.append(q)
        reported = []
        for ss, se in self.sents:
            reported.extend(self._lex_reported(ss, se))
        out = []
        for q in sorted(self.directs + reported, key=lambda q: (q.start, -q.end)):
            nw = n_words(text[q.start:q.end])
            if q.direct:
                if nw < self.cfg.min_direct_words:
                    continue
                inner = text[q.start:q.end].rstrip()
                if not q.resolved and nw < 8 and not inner.endswith((".", "!", "?", "…")):
                    continue   # a quoted term or a lure in the narration: «variazione …»
            out.append(q)
        return [self._to_record(q) for q in out]

    # ----------------------------------------------------------------- direct quotes
    def _lex_attribute(self, q) -> None:
        text, lex = self.text, self.lex
        inner = text[q.start:q.end].rstrip()
        # after the quote: '«…», ha spiegato X' / '„…“, sagte X'
        m = re.match(r"[\s" + DQ + SQ + r"»«›‹,]*", text[q.end:q.end + 40])
        pos = q.end + m.end()
        ends = inner.endswith((".", "!", "?", "…"))
        vm = lex.verb_at.match(text, pos)
        if vm and not ends and text[pos:pos + 1].islower():
            sp = self._lex_speaker_after(vm.end(), q.start)
            if sp is not None:
                self._apply(q, sp, vm.group())
                return
        # before the quote: 'X sagte: „…“' / 'sagte X: „…“'
        ss = max([s for s, e in self.sents if s <= q.start] or [0])
        prev_end = max([d.end + 1 for d in self.directs if d.end < q.start] or [0])
        bs = max(ss, prev_end)
        before = text[bs:max(bs, q.start - 1)]
        if re.search(r"[:,]\s*$", before):
            vms = list(lex.verb_re.finditer(before))
            if vms:
                v = vms[-1]
                sp = None
                if n_words(before[:v.start()]) and n_words(before[:v.start()]) <= 12:
                    sp = self._lex_speaker(bs + self._clause_start(before[:v.start()]),
                                           bs + v.start(), q.start)
                if sp is None:
                    end = bs + len(before.rstrip().rstrip(":,"))
                    sp = self._lex_speaker(bs + v.end(), end, q.start)
                if sp is not None:
                    self._apply(q, sp, v.group())
                    return
        # a quote right after another one continues it
        prev = [d for d in self.done if d.resolved and d.kind != "none"]
        if prev and q.start - prev[-1].end <= self.cfg.inherit_chars:
            self._copy(q, prev[-1])
            return
        q.resolved = False

    def _clause_start(self, seg: str) -> int:
        cut = max(seg.rfind(", "), seg.rfind("; "), seg.rfind(": "), seg.rfind(". "))
        return cut + 2 if cut >= 0 else 0

    def _lex_speaker_after(self, s: int, anchor: int):
        """The speaker phrase after an inverted speech verb, to the end of the sentence."""
        text, lex = self.text, self.lex
        m = _SENT_END.search(text, s)
        e = m.start() if m else len(text)
        e = min(e, s + 200)
        # time adverbials and 'in a statement' may open the phrase: skip them
        while True:
            seg = text[s:e]
            sm = lex.stop_re.match(seg.lstrip()) if lex.stop_re else None
            lead = len(seg) - len(seg.lstrip())
            if sm:
                s += lead + sm.end()
                continue
            w = re.match(r"\s*(soir|matin|après-midi|sera|mattina|pomeriggio|abend|morgen)\b",
                         seg, re.I)
            if w:
                s += w.end()
                continue
            break
        if lex.stop_re:
            sm = lex.stop_re.search(text, s, e)
            if sm and sm.start() > s:
                e = sm.start()
        if lex.comp_start is not None and lex.comp_start.match(text[s:e]):
            return None
        return self._lex_speaker(s, e, anchor)

    # ----------------------------------------------------------------- reported speech
    def _lex_reported(self, ss: int, se: int) -> list:
        from pipeline.nlp.quotes import _Q
        text, lex = self.text, self.lex
        out = []
        if lex.reported_re is None:
            return out
        for m in lex.reported_re.finditer(text, ss, se):
            if any(d.start - 1 <= m.start() < d.end + 1 for d in self.directs):
                continue
            if m.group(1).lower() in lex.tag_only:
                continue
            pre = text[ss:m.start()]
            sub_s = ss + self._clause_start(pre)
            sp = None
            if m.group(2).strip():
                sp = self._lex_speaker(m.start(2), m.end(2), m.start())
            elif 0 < n_words(text[sub_s:m.start()]) <= 12:
                sp = self._lex_speaker(sub_s, m.start(), m.start())
            if sp is None:
                continue
            cs = m.end()
            end = _SENT_END.search(text, cs)
            ce = min(end.start() if end else se, se)
            ce = self._quote_end_extend(ce) if hasattr(self, "_quote_end_extend") else ce
            cs, ce = clean_span(text, cs, ce)
            while ce > cs and text[ce - 1] in ".;:":
                ce -= 1
            if n_words(text[cs:ce]) < self.cfg.min_reported_words:
                continue
            q = _Q(cs, ce, False)
            self._apply(q, sp, m.group(1))
            for d in self.directs:
                if cs <= d.start and d.end <= ce + 1 and not d.resolved:
                    self._apply(d, sp, m.group(1))
            out.append(q)
        return out

    # ----------------------------------------------------------------- speakers
    def _lex_words(self, s: int, e: int) -> list[tuple[str, int, int]]:
        return [(m.group(), s + m.start(), s + m.end()) for m in _WORD.finditer(self.text[s:e])]

    def _lex_is_name(self, w: str, a: int, b: int) -> bool:
        lex = self.lex
        core = w.rstrip(".")
        if not core[:1].isupper() or w in lex.honorifics or core in lex.honorifics:
            return False
        if core in lex.stop_caps or lex.role_of(core) or core.lower() in lex.org_nouns:
            return False
        if core.isupper() and len(core) <= 5:
            return False   # acronyms are organisations
        if any(o[0] < b and a < o[1] for o in self.orgs.occurrences()):
            return False
        if self._lex_block is None:   # places block names; a malware name may be a surname
            self._lex_block = [(x.start_char, x.end_char) for x in self.doc.ents
                               if x.label_ in {"GPE", "LOC", "NORP", "CVE"}]
        if any(x < b and a < y for x, y in self._lex_block):
            return False
        return True

    def _lex_name(self, words: list[tuple[str, int, int]]) -> tuple[int, int] | None:
        """The first run of 2-4 name words (particles allowed inside) in the phrase."""
        runs, cur = [], []
        for k, (w, a, b) in enumerate(words):
            if self._lex_is_name(w, a, b) and not (cur and self.text[cur[-1][2]:a].strip()):
                cur.append((w, a, b))
            elif cur and w.lower() in _PARTICLES and k + 1 < len(words) and \
                    self._lex_is_name(*words[k + 1]):
                cur.append((w, a, b))
            else:
                if cur:
                    runs.append(cur)
                cur = [(w, a, b)] if self._lex_is_name(w, a, b) else []
        if cur:
            runs.append(cur)
        cut_runs = []
        for run in runs:
            # "Pieter Jansen van Noordlicht Security": the particle links an organisation
            k = next((i for i, (w, _, _) in enumerate(run) if w.lower() in _PARTICLES and
                      sum(1 for x in run[i + 1:] if x[0].lower() not in _PARTICLES) >= 2), None)
            cut_runs.append(run[:k] if k is not None and k >= 2 else run)
        runs = cut_runs
        for run in runs:
            if 2 <= len(run) <= 4:
                return run[0][1], run[-1][2]
        for run in runs:
            if len(run) == 1:
                full = self._lex_full(run[0][0].rstrip("."))
                if full:
                    return run[0][1], run[0][2]
        return None

    def _lex_full(self, surname: str) -> str | None:
        """The full name ("Federica Conti") of a surname ("Conti") named earlier."""
        if self._lex_people is None:
            people = {}
            for m in re.finditer(r"(?=\b([A-ZÀ-Ý][\w’'\-]+)\s+([A-ZÀ-Ý][\w’'\-]+)\b)",
                                 self.text):
                a, b = m.group(1), m.group(2)
                if self._lex_is_name(a, m.start(1), m.end(1)) and \
                        self._lex_is_name(b, m.start(2), m.end(2)):
                    people.setdefault(b, a + " " + b)
            self._lex_people = people
        return self._lex_people.get(surname)

    def _lex_speaker(self, s: int, e: int, anchor: int):
        from pipeline.nlp.speakers import Speaker
        text, lex = self.text, self.lex
        s, e = clean_span(text, s, e)
        while s < e and text[s] in ",;: ":
            s += 1
        e = s + len(text[s:e].rstrip(" ,;:"))
        words = self._lex_words(s, e)
        if not words or len(words) > 25:
            return None
        lows = [w.lower().rstrip(".") for w, _, _ in words]
        # pronouns
        if len(words) == 1 and lows[0] in lex.pron_person:
            prev = [d for d in self.done if d.resolved and d.kind == "person"]
            if prev:
                p = prev[-1]
                return Speaker(name=p.speaker, role=p.role, affiliation=p.affiliation,
                                kind="person", org_role=self._role_of(p.affiliation))
            return None
        cats = {lex.role_of(w) for w, _, _ in words} - {None}
        desc = set()
        for c in cats:
            desc |= CATEGORY_WORDS.get(c, set())
        nm = self._lex_name(words)
        if nm is not None:
            ns, ne = nm
            name = text[ns:ne].rstrip(".")
            if " " not in name:
                name = self._lex_full(name) or name
            role, aff = self._lex_role_aff(s, e, ns, ne, anchor)
            if role is None and aff is None:
                role, aff = self._lex_first_mention(name, anchor)
            if aff is None and cats & {"spokesperson", "staff"} and \
                    not cats & {"authority", "expert"}:
                v = self.orgs.victim()   # "Unternehmenssprecherin X" of the victim
                aff = v[0] if v else None
            return Speaker(name=name, role=role, affiliation=aff, kind="person",
                            org_role=self._role_of(aff), desc_words=desc)
        mention = text[s:e]
        orgs = self.orgs.in_span(s, e)
        if orgs:
            o = orgs[0]
            return Speaker(name=o[2], mention=mention if n_words(mention) > n_words(
                text[o[0]:o[1]]) else None, kind="org", affiliation=o[2], org_role=o[3],
                desc_words=desc)
        nouns = [w for w in lows if w in lex.org_nouns]
        if nouns:
            ref = self._lex_org_ref(nouns[0], anchor)
            if ref and not cats:
                return Speaker(name=ref[0], mention=mention, kind="org", affiliation=ref[0],
                                org_role=ref[1])
            if cats:
                role = self._lex_role_text(s, e)
                return Speaker(mention=mention, role=role, kind="desc",
                                affiliation=ref[0] if ref else None,
                                org_role=ref[1] if ref else None, desc_words=desc)
            return Speaker(mention=mention, kind="desc", desc_words={"company"})
        if cats and n_words(mention) <= 8:
            aff = None
            role = self._lex_role_text(s, e)
            return Speaker(mention=mention, role=role, kind="desc", affiliation=aff,
                            desc_words=desc)
        return None

    def _lex_first_mention(self, name: str, anchor: int) -> tuple[str | None, str | None]:
        """Role and affiliation given where the full name first appears ("Jonas Brandt,
        Professor an der Hochschule Lindenau, …" before "sagte Brandt")."""
        ms = self.text.find(name)
        if ms < 0 or ms >= anchor:
            return None, None
        me = ms + len(name)
        end = _SENT_END.search(self.text, me)
        e = end.start() if end else len(self.text)
        ss = max([s for s, _ in self.sents if s <= ms] or [0])
        return self._lex_role_aff(ss, e, ms, me, anchor)

    def _lex_role_text(self, s: int, e: int) -> str | None:
        for w, a, b in self._lex_words(s, e):
            if self.lex.role_of(w):
                return w.rstrip(".,")
        return None

    def _lex_org_ref(self, noun: str, anchor: int) -> tuple[str, str] | None:
        """What "la cooperativa" / "das Unternehmen" refers to."""
        for surface, canon, role in self.orgs.forms:
            if _word_re(noun).search(surface):
                return canon, role
        return self.orgs.victim() or self.orgs.last_before(anchor, exclude_roles=(
            "security_firm", "attacker", "vendor"))

    def _lex_role_aff(self, s: int, e: int, ns: int, ne: int,
                      anchor: int) -> tuple[str | None, str | None]:
        """Role and affiliation around the name at [ns, ne) inside the phrase [s, e)."""
        text, lex = self.text, self.lex
        role = aff = None
        # parentheses: "Antoine Lefèvre (Sentinelle Conseil)"
        pm = re.match(r"\s*\(([^()]{2,80})\)", text[ne:e + 2])
        if pm:
            aff = self._lex_canon(pm.group(1).strip(), ne + pm.start(1), anchor)
        # apposition after the name: ", Professor für IT-Sicherheit an der Hochschule X"
        am = re.match(r"\s*,\s*(.+)$", text[ne:e], re.S)
        if am:
            a0 = ne + am.start(1)
            r2, a2 = self._lex_split_role(a0, e, anchor)
            role, aff = role or r2, aff or a2
        # "Pieter Jansen van Noordlicht Security", "Jonas Brandt von der Hochschule X"
        if aff is None and lex.prep_re is not None:
            lead = len(text[ne:e]) - len(text[ne:e].lstrip())
            pm = lex.prep_re.match(text, ne + lead, e)
            if pm and text[pm.end():pm.end() + 1].isupper():
                aff = self._lex_canon(text[pm.end():e], pm.end(), anchor)
        # before the name: "il presidente della cooperativa, X", "Unternehmenssprecherin X"
        if role is None:
            pre_words = [(w, a, b) for w, a, b in self._lex_words(s, ns)]
            k = next((i for i, (w, _, _) in enumerate(pre_words) if lex.role_of(w)), None)
            if k is not None:
                r2, a2 = self._lex_split_role(pre_words[k][1], ns, anchor)
                role, aff = role or r2, aff or a2
        return role, aff

    def _lex_split_role(self, a: int, b: int, anchor: int) -> tuple[str | None, str | None]:
        """'consultant en cybersécurité au sein du cabinet Sentinelle Conseil' ->
        ('consultant en cybersécurité', 'Sentinelle Conseil')."""
        text, lex = self.text, self.lex
        seg = text[a:b].rstrip(" ,;")
        orgs = self.orgs.in_span(a, a + len(seg))
        best = None
        if lex.prep_re:
            for m in lex.prep_re.finditer(seg):
                rest = seg[m.end():]
                first = rest.split()[0] if rest.split() else ""
                if first[:1].isupper() or first.lower().strip(",") in lex.org_nouns or \
                        any(o[0] == a + m.end() for o in orgs):
                    best = m
                    break
        role_txt = seg[:best.start()] if best else seg
        role_txt = role_txt.strip(" ,")
        dw = role_txt.split()
        while dw and dw[0].lower() in lex.determiners:
            dw = dw[1:]
        role_txt = " ".join(dw)
        role = role_txt if role_txt and any(lex.role_of(w) for w in dw) and \
            len(dw) <= 8 else None
        if role is None and dw and lex.role_of(dw[0]):
            role = dw[0]
        aff = None
        if orgs:
            aff = orgs[0][2]
        elif best is not None:
            rest_s = a + best.end()
            aff = self._lex_canon(seg[best.end():], rest_s, anchor)
        return role, aff

    def _lex_canon(self, rest: str, rest_s: int, anchor: int) -> str | None:
        """An organisation named at the start of ``rest`` (its canonical name when known)."""
        lex = self.lex
        rest = rest.strip()
        orgs = self.orgs.in_span(rest_s, rest_s + len(rest) + 1)
        if orgs:
            return orgs[0][2]
        toks = rest.split()
        if toks and toks[0].lower().strip(",") in lex.org_nouns:
            if len(toks) > 1 and toks[1][:1].isupper():
                if toks[0][:1].islower():
                    toks = toks[1:]   # "cabinet Sentinelle Conseil" ("Hochschule X" stays)
            else:
                ref = self._lex_org_ref(toks[0].lower().strip(","), anchor)
                return ref[0] if ref else None
        run = []
        for t in toks:
            if t[:1].isupper() and t not in lex.stop_caps:
                run.append(t.rstrip(",.;"))
                if t.endswith((",", ".", ";")):
                    break
            else:
                break
        if not run:
            return None
        name = " ".join(run)
        hit = self.orgs.lookup(name)
        return hit[0] if hit else name


__all__ = ["CATEGORY_WORDS", "GENDER_FILE", "LEXICON_GLOB", "LexiconQuotes", "QuoteLexicon",
           "load_genders", "load_lexicons"]
