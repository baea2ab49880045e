"""Speaker resolution for the ``quoted_experts`` component (:mod:`pipeline.nlp.quotes`).

Who said it, and in which capacity:

* person names: PERSON entities, or a capitalised-name fallback when the NER misses; a short
  name ("Stefanek") or a pronoun resolves back to the full name given earlier ("she" past
  the men named last: honorifics, gendered titles and the person's own pronouns in the
  text, else the usual gender of the first name);
* descriptions: "a spokesperson for the company" gives speaker ``None`` with the mention set;
* organisations: "Equifax said", "the company said", "it said"; "the gang", and "the group"
  right after a named attacker group, are the attacker;
* role and affiliation from the speaker's apposition or pre-name title (elected officials
  included: "Local MP X", "councillor X"), else from a "who runs / owns / manages …" clause
  ("X, who runs two cafés in Leeds" → role "runs two cafés in Leeds");
* a colleague works where the person referred to works ("Her colleague, Dr X", "X, a
  colleague of Y"); a title named after a policy area ("Homeland Security adviser") names no
  employer;
* a named person the text never ties to an organisation speaks for the one his or her own
  direct quotes name while speaking as "we"/"our" (only one such organisation, not an attacker
  or bystander), else for the organisation at whose briefing or press conference the person
  spoke ("said at a White House briefing");
* the speaker type from the affiliation's role in ``doc._.organisations`` (victim →
  victim_representative, security_firm → expert, authority → authority, attacker → attacker;
  the victim's own IT agency → victim_representative); when that role is missing or "other",
  from the speaker's own words (researcher → expert, police / MP / councillor → authority,
  spokesperson / CEO /
  board member → victim_representative), the organisation's name ("… Security Labs",
  "… University" → expert, "… Police Department" → authority) and its kinship with a victim
  ("Cloquet School Board" for "Cloquet School District"), or a parent company the text names
  as the victim's ("parent company Sears Holding").

:class:`SpeakerResolver` is a mixin of the quote extractor in :mod:`pipeline.nlp.quotes`; it
holds no state of its own and reads these attributes of the extractor: ``text`` (the article),
``orgs`` (:class:`~pipeline.nlp.quote_rules.Orgs`), ``persons`` and ``not_people`` (entity
spans), ``lower_words``, ``registry`` (full name -> role/affiliation), ``mentions`` (position,
full name), ``done`` (the quotes attributed so far, in text order), ``cfg`` (the component:
``genders``, the usual gender of first names) and the method ``_sent_of(pos)``. What "the
company", "the group" or "it" refers to, canonical organisation names and what an
organisation's name gives away come from its base :class:`~pipeline.nlp.speaker_orgs.
OrgReferences`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pipeline.nlp.org_lexicon import is_place
from pipeline.nlp.quote_rules import (
    ADVERBS_BEFORE_VERB, ATTACKER_WORDS, AUTHORITY_WORDS, CAP_RUN, DESCRIPTOR_NOUNS, EXPERT_WORDS,
    HONORIFICS, ORG_APPOSITION, ORG_NOUNS, ORG_TO_TYPE, ORG_WORDS, PRONOUNS_ORG, PRONOUNS_PERSON,
    PRONOUNS_PLURAL, ROLE_HEADS, SPEECH_VERBS, STAFF_WORDS, STOP_CAPS, TAG_ONLY_VERBS, WORD_RE,
    Tok, n_words, norm, tokens,
)
from pipeline.nlp.speaker_orgs import Cover, OrgReferences
from pipeline.nlp.speaker_patterns import (
    ACADEMIC_NAME, ACADEMIC_WORDS, APPOSITION_HEAD, AREA_ADVISER, ATTACKER_MODIFIERS,
    AUTHORITY_NAME, BODY_TITLE_WORDS, CAP_WORD, CAPS_AFTER, COLLEAGUE_AFTER, COLLEAGUE_BEFORE,
    COUNSEL_ROLE, COUNSEL_SIDE, DESCRIBED_LEAD, DESCRIBED_TITLE, FEMALE_TITLES,
    FIRST_PERSON_SINGULAR, GENERIC_FORCE, GENERIC_NAME_WORDS, HANDLE_BEFORE, HANDLE_WORD,
    HONORIFIC_BEFORE, INITIALS_NAME, INSTITUTION_STAFF, IT_AGENCY, KIND_NOUNS, KIND_STAFF_WORDS,
    LEADING_RELATIVE, MALE_TITLES, MEDIA_WORDS, NOT_IN_TITLE, NOUN_POSSESSOR, NOW_RUNS,
    OPENING_NOUNS, ORG_DESC_NOUNS, ORG_MODIFIER_AFTER, OWNER_WORDS, PERSONAL_PRONOUN,
    PLACE_BASED, POLICE_FORCE, ROLE_WORD, RUNS_CLAUSE, SECURITY_NAME, SITE_WORDS, SPOKES,
    STAFF_TYPE_WORDS, TAG_AFTER, TITLE_KINDS, TITLE_MODIFIERS, TITLE_OF_BEFORE,
    TITLE_PARTICIPLES, TITLE_PLURALS, TRADE_AGENT, TRADE_UNION, VICTIM_NOUNS, VICTIM_PEOPLE,
    VICTIM_VOICE, after_capitals_re, literal_spans, name_break, surname_of,
)

__all__ = ["Speaker", "SpeakerResolver"]


# --------------------------------------------------------------------------- data
@dataclass
class Speaker:
    name: str | None = None        # full person name, or organisation name
    mention: str | None = None     # description / pronoun text when not a name
    role: str | None = None
    affiliation: str | None = None
    kind: str = "none"             # person | org | desc | none
    org_role: str | None = None
    desc_words: set = field(default_factory=set)


# --------------------------------------------------------------------------- resolution
class SpeakerResolver(OrgReferences):
    """Who speaks in a text span: names, descriptions, pronouns, organisations, role,
    affiliation and speaker type (a mixin: see the module docstring for what it reads)."""

    # ----------------------------------------------------------------- names
    def _not_person_overlaps(self, s: int, e: int) -> bool:
        """A MALWARE/CVE/place/nationality entity (``not_people``) overlaps [s, e): the same
        as ``any(a < e and s < b for a, b in self.not_people)``, by bisection (a long text has
        thousands of them and asks for every name)."""
        cover = getattr(self, "_np_cover", None)
        if cover is None or cover[0] is not self.not_people or cover[1] != len(self.not_people):
            cover = (self.not_people, len(self.not_people), Cover(self.not_people))
            self._np_cover = cover
        return cover[2].overlaps(s, e)

    def _cap_runs(self, s: int, e: int) -> list[tuple[int, int]]:
        """Runs of capitalised words (possible names) inside [s, e)."""
        runs = []
        for m in CAP_RUN.finditer(self.text, s, e):
            a, b = m.span()
            # a run across a sentence end is two runs ("… Dmitri Vasquez. Ovalbank said")
            cut = name_break(self.text, a, b)
            while cut is not None:
                runs.append((a, cut))
                nxt = re.compile(r"[\s.]*").match(self.text, cut).end()
                a = nxt
                cut = name_break(self.text, a, b) if a < b else None
            while b > a and self.text[b - 1] in ".’'-":
                b -= 1
            if b > a:
                runs.append((a, b))
        return [(x, y) for x, y in runs if y > x]

    def _is_name_word(self, w: str) -> bool:
        lw = w.lower().rstrip(".")
        if lw in HONORIFICS or lw in STOP_CAPS or lw in ROLE_HEADS or lw in ORG_WORDS:
            return False
        if lw == "general":   # the end of a title: "Assistant Attorney General McCord"
            return False
        if lw in DESCRIPTOR_NOUNS or lw in ORG_NOUNS or lw in SPEECH_VERBS:
            return False
        if lw.endswith(("'s", "’s", "s'", "s’")):   # a possessive: "Acme's", "Quarry Labs'"
            return False
        return True

    def _split_person(self, a: int, b: int, ent: bool = False) -> tuple[int, int] | None:
        """The person-name part of a capitalised run: the words after the last title, role
        or organisation word ("Defense Point CEO George McKenzie" -> "George McKenzie")."""
        cut = name_break(self.text, a, b)
        while cut is not None:
            # only the words after the last sentence end are this name's
            a = re.compile(r"[\s.]*").match(self.text, cut).end()
            cut = name_break(self.text, a, b) if a < b else None
        words = [t for t in tokens(self.text, a, b) if t.text[0].isalnum()]
        k = len(words)
        if ent and k >= 2 and words[-2].text in self.cfg.genders and \
                words[-1].text[1:].islower() and words[-1].lower in ORG_NOUNS | ORG_WORDS and \
                words[-1].lower not in ROLE_HEADS | STOP_CAPS:
            # a PERSON entity whose surname is an organisation noun after a first name
            # ("campaigner Jo Brand", "Ann Bank"): the surname is a name word here
            k -= 1
        while k > 0 and self._is_name_word(words[k - 1].text):
            k -= 1
        words = words[k:]
        if len(words) >= 3 and TITLE_OF_BEFORE.search(self.text, max(0, words[0].start - 40),
                                                      words[0].start):
            # "Head of Product Vulnerability Oded Vanunu": the capitalised words right after
            # "<title> of" name the department; the person is the last two words, or the
            # words from a known first name on ("Minister for Digitalisation Karen Lund Berg")
            firsts = [i for i, w in enumerate(words[1:-1], 1)
                      if w.text in self.cfg.genders]
            words = words[firsts[0]:] if firsts else words[-2:]
        if not words or len(words) > 4:
            return None
        s, e = words[0].start, words[-1].end
        if self._org_covers(s, e) or self._not_person_overlaps(s, e):
            return None
        if len(words) == 1:
            w = words[0].text
            if w.lower() in self.lower_words or not w[:1].isupper() or len(w) < 3:
                return None
            if w.isupper() and len(w) <= 5:   # acronyms are organisations, not people
                return None
            if w.lower() in TITLE_MODIFIERS | OPENING_NOUNS:
                return None   # "Former employees …", "Industry body techUK": no name

        return s, e

    def _names_in(self, s: int, e: int) -> list[tuple[int, int]]:
        """Person names in [s, e): PERSON entities first, then the capitalised fallback."""
        found = []
        starts = self._person_starts()
        for ps, pe in self.persons[bisect_left(starts, s):bisect_left(starts, e)]:
            if pe <= e:
                sp = self._split_person(ps, pe, ent=True)
                if sp:
                    found.append(sp)
        for a, b in self._cap_runs(s, e):
            over = [f for f in found if a < f[1] and f[0] < b]
            if len(over) == 1 and len(self.text[over[0][0]:over[0][1]].split()) == 1:
                # the NER took only the surname of "… Oded Vanunu": the run's name part, when
                # it ends with that surname, is the full name
                sp = self._split_person(a, b)
                extra = self.text[sp[0]:over[0][0]].split() if sp else []
                if sp and sp[1] == over[0][1] and sp[0] < over[0][0] and not any(
                        w.lower() in self.lower_words or w.lower() in STOP_CAPS for w in extra) \
                        and not re.search(r"\w{2,}\.\s", self.text[sp[0]:over[0][0]]):
                    # ("Even Maglieri says": a word the text also writes in lower case is none)
                    found[found.index(over[0])] = sp
                elif sp and sp[0] == over[0][0] and sp[1] > over[0][1] and \
                        len(self.text[over[0][1]:sp[1]].split()) == 1 and \
                        self.text[over[0][1]:sp[1]].strip().lower() not in self.lower_words:
                    # the NER took only the given name of "… Jamie MacColl": the next
                    # capitalised word is the surname
                    found[found.index(over[0])] = sp
                continue
            if over:
                continue
            sp = self._split_person(a, b)
            if sp:
                found.append(sp)
        return sorted(found)

    def _with_surname(self, name: str) -> list[str]:
        """The full names with the surname ``name``: the registry's in its order, then the
        mentions' in theirs (``[f for f in list(self.registry) + [m[1] for m in
        self.mentions] if surname_of(f) == name]``, from an index kept per resolver: both only
        grow -- ``setdefault`` and ``append`` -- so only the new names are indexed; a new
        registry or mention list rebuilds it)."""
        ix = getattr(self, "_sur_ix", None)
        if ix is None or ix[0] is not self.registry or ix[2] is not self.mentions or \
                len(self.registry) < ix[1] or len(self.mentions) < ix[3]:
            ix = [self.registry, 0, self.mentions, 0, {}, {}]
            self._sur_ix = ix
        if len(self.registry) > ix[1]:
            for k, full in enumerate(self.registry):
                if k >= ix[1]:
                    ix[4].setdefault(surname_of(full), []).append(full)
            ix[1] = len(self.registry)
        if len(self.mentions) > ix[3]:
            for _, full in self.mentions[ix[3]:]:
                ix[5].setdefault(surname_of(full), []).append(full)
            ix[3] = len(self.mentions)
        return ix[4].get(name, []) + ix[5].get(name, [])

    def _full_name(self, name: str) -> str:
        """Back-resolve a short name ("Stefanek") to the full name given in the text."""
        if len(name.split()) > 1:
            return name
        for full in self._with_surname(name):
            if full != name:
                return full
        for m in after_capitals_re(name).finditer(self.text):
            sp = self._split_person(m.start(), m.end())
            if sp:
                cand = self.text[sp[0]:sp[1]]
                if cand.split()[-1] == name and len(cand.split()) > 1 and \
                        not re.search(r"\w{2,}\.\s", cand):   # (not "… of Zenofex. Zenofex")
                    return cand
        return name

    def _person_info(self, ns: int, ne: int) -> tuple[str, str | None, str | None]:
        """Full name, role and affiliation of the person named at [ns, ne)."""
        name = self.text[ns:ne]
        full = self._full_name(name)
        role, aff = self._role_aff_around(ns, ne)
        reg = self.registry.setdefault(full, {"role": None, "affiliation": None})
        if not (role and aff) and full != name:
            # the first mention with the full name may carry the title
            for ms, me in literal_spans(full, self.text):
                r2, a2 = self._role_aff_around(ms, me)
                reg["role"] = reg["role"] or r2
                reg["affiliation"] = reg["affiliation"] or a2
        if role and full != name and reg.get("role") and n_words(role) == 1 and \
                n_words(reg["role"]) > 1 and role.lower() not in reg["role"].lower() and \
                self.text[max(0, ns - len(role) - 1):ns].strip() == role:
            # "Cllr Brooks said" after "Council leader Cllr Nadia Brooks": the short mention's
            # style adds nothing to the title the full name came with
            role = reg["role"]
        role = role or reg.get("role")
        if not role and not aff and not reg.get("role") and not reg.get("affiliation"):
            # "…, the former head of the National Cyber Security Centre has said. / Ciaran
            # Martin told …": the description ending the sentence before introduces him
            role, aff = self._described_before(ns)
        if not role and not aff and not reg.get("affiliation"):
            # "a security researcher who goes by the name of Zenofex", "a Darkode staff
            # member who used the handle Bullets": the description introduces the handle
            role, aff = self._handle_description(full)
        aff = aff or reg.get("affiliation") or self._colleague_affiliation(ns, ne)
        reg["role"] = reg["role"] or role
        reg["affiliation"] = reg["affiliation"] or aff
        self.mentions.append((ns, full))
        return full, role, aff

    def _described_before(self, ns: int) -> tuple[str | None, str | None]:
        """Role and organisation of a person whose name opens a sentence right after one that
        ends "… the <title> of <Organisation> (has) said." (the headline-style lead that names
        him only in the next sentence)."""
        m = DESCRIBED_LEAD.search(self.text, max(0, ns - 220), ns)
        if not m:
            return None, None
        orgs = self.orgs.in_span(m.start(2), m.end(2))
        aff = orgs[0][2] if orgs else self._canon_org(m.group(2).strip())
        return m.group(1), aff

    def _handle_description(self, name: str) -> tuple[str | None, str | None]:
        """Role and affiliation from the description a handle or alias is introduced with
        ("a security researcher who goes by the name of X", "a Darkode staff member who used
        the handle X", "an IT worker using the alias X")."""
        text = self.text
        cues = getattr(self, "_handle_cues", None)
        if cues is None:   # (one scan of the text; most texts introduce no handle)
            cues = self._handle_cues = bool(HANDLE_WORD.search(text))
        if not cues:
            return None, None
        for ms, me in literal_spans(name, text):
            if (ms and text[ms - 1].isalnum()) or (me < len(text) and text[me].isalnum()):
                continue
            m = HANDLE_BEFORE.search(text, max(0, ms - 140), ms)
            if m:
                role, aff = self._split_role(m.start(1), m.end(1), max_parts=1)
                if role:
                    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)
                    return role, aff
        return None, None

    def _build_registry(self) -> None:
        """People named with a title or an apposition anywhere in the text."""
        cands = set(self.persons)
        for m in APPOSITION_HEAD.finditer(self.text):
            left = self.text[max(0, m.start() - 60):m.start()]
            mm = re.search(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){1,3})$", left)
            if mm:
                cands.add((m.start() - len(left) + mm.start(), m.start()))
        # a title right before a name, in any case: "chief executive Allen Stefanek",
        # "Technology Director T.J.Smith"
        for m in ROLE_WORD.finditer(self.text):
            if m.group(1).lower() in ROLE_HEADS:
                caps = CAPS_AFTER.match(self.text, m.end())
                if caps:
                    # (the name after a title ends with its sentence: "said researcher
                    # Dmitri Vasquez. Ovalbank said …")
                    cut = name_break(self.text, caps.start(1), caps.end(1))
                    cands.add((caps.start(1), cut if cut is not None else caps.end(1)))
        for a, b in sorted(cands):
            sp = self._split_person(a, b)
            if not sp:
                continue
            name = self.text[sp[0]:sp[1]]
            if len(name.split()) < 2 and not INITIALS_NAME.match(name):
                continue   # "T.J.Smith" is a full name
            role, aff = self._role_aff_around(sp[0], sp[1])
            entry = self.registry.setdefault(name, {"role": None, "affiliation": None})
            entry["role"] = entry["role"] or role
            entry["affiliation"] = entry["affiliation"] or aff
            self.mentions.append((sp[0], name))

    # ----------------------------------------------------------------- role & affiliation
    def _role_aff_around(self, s: int, e: int) -> tuple[str | None, str | None]:
        role, aff = self._apposition(e)
        prole, paff = self._prename(s)
        if not role and paff:
            aff = None   # ", Atlanta Information Management officials were …" is no apposition
        aff = aff or paff or self._aff_after(e)
        role = role or prole
        if not role:
            # an academic honorific is the title ("Professor Bill Reid of X University",
            # "Prof Ann Lee"); UK court copy names counsel by their side ("Defending, X said")
            hon = HONORIFIC_BEFORE.search(self.text, max(0, s - 12), s)
            side = COUNSEL_SIDE.search(self.text, max(0, s - 16), s)
            if hon and hon.group(1).lower() in {"professor", "prof"}:
                role = hon.group(1)
            elif side:
                role = COUNSEL_ROLE[side.group(1).lower()]
        return role, aff

    def _aff_after(self, e: int) -> str | None:
        """'Sanne Verhoeven of the Delft consultancy Brugwerk Security', 'Mariko Tanabe
        (Shiromine Consulting)': an organisation right after the name."""
        m = re.match(r"\s*\(([^()]{2,60})\)|\s+(?:of|at|from|with)\s+([^,.;:\"“”()]{1,80})",
                     self.text[e:e + 100])
        if not m:
            return None
        g = 1 if m.group(1) else 2
        a, b = e + m.start(g), e + m.end(g)
        orgs = self.orgs.in_span(a, b)
        if orgs:
            return orgs[0][2]
        run = re.match(r"(?:the\s+)?(?:[A-Z][\w’'.]*-(?:based|headquartered|owned)\s+)?"
                       r"([A-Z][\w&’'.\-]*(?:\s+(?:[A-Z][\w&’'.\-]*|of|for|de|and))*)",
                       self.text[a:b])
        if not run or self._not_person_overlaps(a + run.start(1), a + run.end(1)):
            return None
        name = run.group(1).rstrip(" .")
        name = re.sub(r"\s+(?:of|for|de|and)$", "", name)
        if n_words(name) > 6 or name.split()[0].lower() in STOP_CAPS:
            return None
        return self._canon_org(name, allow_new=True)

    def _apposition(self, e: int) -> tuple[str | None, str | None]:
        """', global director of threat communications at Trend Micro,' after a name."""
        # (it ends at a full stop, not at the one of an initial or a dotted acronym: "the
        # I.R.S. commissioner"; and at a spaced dash opening a remark: "X, security director
        # of Y in Poole – one of the first companies to … – said")
        m = re.match(r"\s*,\s*(.{2,140}?)(?=,\s*(?:said|says|told|added|explained|noted|wrote|"
                     r"warned|commented|argued|the|who|which|in|on|at a|during)\b|"
                     r"(?:(?<![\s.][A-Z])\.|[;:])\s|[.;:]?$|\s[–—−]\s|"
                     r"\s+(?:said|says|told|added|explained|noted|wrote|warned|commented|argued|"
                     r"claimed|stated|pointed|admitted|insisted|tells|writes|notes|"
                     r"acknowledged)\b|\s*[\"“”]|,\s*$)", self.text[e:e + 200])
        if not m:
            # "According to Dr X, a lecturer … at Lakeside University, telecom call centres …"
            m = re.match(r"\s*,\s*([^,\"“”()]{2,140}?)(?=\s*,)", self.text[e:e + 200])
        if not m:
            # between spaced dashes: "Stuart Kettell – owner of the studio Kettell Video –"
            m = re.match(r"[ \t\xa0]+[–—−][ \t\xa0]+([^,\"“”()–—−.;:]{2,100}?)[ \t\xa0]+[–—−]\s",
                         self.text[e:e + 200])
        if not m:
            return None, None
        app = m.group(1)
        app_s = e + m.start(1)
        rm = RUNS_CLAUSE.match(app)
        if rm and n_words(rm.group(1)) <= 10:
            # "Bilal Khan, who runs two cafés in Leeds": what the person does is the role
            orgs = self.orgs.in_span(app_s + rm.start(1), app_s + rm.end(1))
            return rm.group(1).strip(" ,."), (orgs[0][2] if orgs else None)
        if re.match(r"(?:was|is|were|are|has|had|have|who|which|whose|said|says|told)\b", app):
            return None, None   # a clause, not an apposition
        # stop at a second comma unless it separates role and organisation ("VP, ViaSat")
        parts = [p for p in re.split(r",\s*", app)]
        words = set(w.lower() for w in WORD_RE.findall(parts[0]))
        if not (words & ROLE_HEADS) and not self.orgs.in_span(app_s, app_s + len(parts[0])):
            return None, None
        # "a former FBI agent who now runs the consultancy Abbot Risk": the organisation the
        # person runs now, not the one they left
        now = NOW_RUNS.search(app)
        if now and re.search(r"\b(?:former|ex-|retired|onetime|one-time)", app[:now.start()], re.I):
            orgs = self.orgs.in_span(app_s + now.start(1), app_s + now.end(1))
            if orgs:
                role, _ = self._split_role(app_s, app_s + now.start(), max_parts=1)
                return role, orgs[0][2]
        role, aff = self._split_role(app_s, app_s + len(app), max_parts=2)
        if aff and re.match(r"(?:(?:the|a|an)\s+)?(?:former|ex-|retired|onetime|one-time)\b", app,
                            re.I):
            aff = None   # "a former tactician at U.S. Cyber Command" no longer speaks for it
        return role, aff

    def _split_role(self, s: int, e: int, max_parts: int = 2) -> tuple[str | None, str | None]:
        seg = self.text[s:e]
        parts = re.split(r"(,\s*)", seg)
        # rebuild up to max_parts comma parts
        kept, pos, count = [], s, 0
        for i in range(0, len(parts), 2):
            p = parts[i]
            if count >= max_parts:
                break
            kept.append((pos, pos + len(p)))
            pos += len(p) + (len(parts[i + 1]) if i + 1 < len(parts) else 0)
            count += 1
        aff = None
        role = None
        for ps, pe in kept:
            # "Deputy Commissioner of Police" taken for an organisation is a title
            # (and so is one that ends in a title word: "Global Security Strategist"; a place
            # after "in" is where the post is, not an employer: "the U.S. attorney in Atlanta")
            orgs = [o for o in self.orgs.in_span(ps, pe)
                    if self.text[o[0]:o[1]].split()[0].lower() not in ROLE_HEADS
                    and self.text[o[0]:o[1]].split()[-1].lower() not in ROLE_HEADS
                    and not (re.search(r"\bin\s+(?:the\s+)?$", self.text[ps:o[0]]) and
                             self._place_overlaps(o[0], o[1]))]
            ptxt = self.text[ps:pe]
            if orgs:
                o = orgs[0]
                aff = aff or o[2]
                # role = text before the organisation without the linking preposition
                before = self.text[ps:o[0]]
                # ("Deputy CIO for the Treasury Board": the article goes with the preposition)
                before = re.sub(r"\s*\b(at|of|for|with|from|in)(?:\s+the)?\s*$", "",
                                before).strip()
                # ("an analyst at Dublin-based X": a place or ownership modifier of the
                # organisation is no part of the title)
                before = re.sub(r"\s+\b(?:at|of|for|with|from)\s+(?:the\s+|an?\s+)?"
                                r"(?:[\w’'.]+-(?:based|headquartered|owned|listed|registered)\s*)+$",
                                "", before).strip()
                before = re.sub(r"^(the|a|an)\b\s*", "", before, flags=re.I).strip(" ,")
                before = re.sub(r"['’]s$", "", before).strip()
                # ("owner of audio-visual specialist X": the title ends before a lower-case
                # description of the organisation)
                dm = re.match(r"(.+?)\s+(?:of|at|for|with)\s+(?:the\s+|an?\s+)?(?:[a-z][\w\-]*\s+)"
                              r"{0,3}([a-z][\w\-]*)$", before)
                if dm and (dm.group(2) in ORG_NOUNS or dm.group(2) in ORG_DESC_NOUNS) and \
                        set(w.lower() for w in WORD_RE.findall(dm.group(1))) & ROLE_HEADS:
                    before = dm.group(1)
                if before and set(w.lower() for w in WORD_RE.findall(before)) & ROLE_HEADS:
                    role = role or before
                elif not before:
                    after = self.text[o[1]:pe].strip(" ,")
                    after = re.sub(r"^['’]s\s+", "", after)
                    if after and set(w.lower() for w in WORD_RE.findall(after)) & ROLE_HEADS:
                        role = role or re.sub(r"^(the|a|an)\s+", "", after, flags=re.I)
            else:
                txt = re.sub(r"^(the|a|an)\s+", "", ptxt.strip(), flags=re.I)
                # "the hospital group's chief information officer": the title without the
                # possessor, who is the organisation referred to
                pm = NOUN_POSSESSOR.match(txt)
                if pm and set(w.lower() for w in WORD_RE.findall(txt[pm.end():])) & ROLE_HEADS:
                    nouns = pm.group(1).split()
                    ref_noun = next((w for w in nouns if w in VICTIM_NOUNS), None) or (
                        nouns[-1] if nouns[-1] in ORG_NOUNS else None)
                    if ref_noun:
                        txt = txt[pm.end():]
                        ref = self._org_reference(s, ref_noun)
                        if ref and not aff:
                            aff = ref[0]
                mm = re.match(r"(.*?)\s+\b(at|of|for|with|from)\s+([A-Z].*)$", txt)
                generic = mm and all(w.lower() in ORG_WORDS for w in WORD_RE.findall(
                    re.sub(r"\(.*?\)", "", mm.group(3))))
                if mm and not generic and \
                        set(w.lower() for w in WORD_RE.findall(mm.group(1))) & ROLE_HEADS:
                    last = mm.group(1).split()[-1].lower()
                    if last in ROLE_HEADS or last.endswith(("er", "or", "ist", "ent")):
                        role = role or mm.group(1)
                        aff = aff or self._canon_org(mm.group(3), allow_new=True)
                        continue
                if set(w.lower() for w in WORD_RE.findall(txt)) & ROLE_HEADS:
                    # ("the U.S. attorney in Atlanta": the place is not part of the title)
                    role = role or re.sub(r"(?:\s+(?:based|located|stationed))?\s+in\s+(?:the\s+)?"
                                          r"[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*$", "", txt)
                elif role and not aff and txt[:1].isupper():
                    aff = self._canon_org(txt)
        if role:
            role = role.strip(" ,.")
            if n_words(role) > 10:
                role = None
        return role, aff

    def _prename(self, s: int) -> tuple[str | None, str | None]:
        """'cybersecurity consultant Emma Richardson', 'Defense Point CEO George McKenzie'."""
        hon = HONORIFIC_BEFORE.search(self.text, max(0, s - 12), s)
        if hon and hon.group(1).lower() in HONORIFICS and not (
                hon.group(1).islower() and hon.group(1) in ROLE_HEADS):
            # "officer, Dr. Alan Pike": the title is before the honorific (a lower-case
            # "president" or "professor" is the title itself: "hospital president Joan Ferris")
            s = hon.start()
        left_start = max(0, s - 120)
        left = self.text[left_start:s]
        # cut at the last clause boundary
        # (not the full stop of an initial or a dotted acronym: "U.S. Attorney X")
        stops = [m.start() for m in re.finditer(r"(?<![\s.][A-Z])(?<!^[A-Z])\. ", left)]
        # (a closed parenthesis is a qualifier inside the title: "Deputy Commissioner of
        # Police (Cyber) X said" ends no clause)
        paren = left.rfind("(")
        if paren >= 0 and ")" in left[paren:]:
            paren = -1
        cut = max(stops[-1] if stops else -1, left.rfind("; "), left.rfind("\n"),
                  left.rfind("“"), left.rfind("\""), left.rfind("”"), paren)
        if cut >= 0 and not left[cut:].startswith("("):
            left = left[cut + 1:]
        left_start = s - len(left)
        toks = tokens(self.text, left_start, s)
        # walk back from the name over title words
        i = len(toks)
        while i > 0 and toks[i - 1].text == ",":
            i -= 1
        chunk_end = toks[i - 1].end if i > 0 else s
        j = i
        while j > 0:
            t = toks[j - 1]
            lw = t.lower
            # a capitalised "State" is part of a title ("Minister of State for Security")
            if t.text in {",", ";", ":"} or (lw in SPEECH_VERBS | TAG_ONLY_VERBS and
                                              t.text.islower()) or \
                    lw in {"by", "and", "to", "with", "that", "from", "as"} or \
                    lw in NOT_IN_TITLE or (t.text.islower() and lw.endswith("ed") and
                                            lw not in TITLE_PARTICIPLES):
                # (a clause or a finite verb is no title: "Many blamed Yahoo CEO X", "…
                # came just hours after County Manager X")
                break
            if lw in {"the", "a", "an"}:
                break
            if (t.text[:1].isdigit() and j < len(toks) and toks[j].text.islower()) or (
                    lw == "of" and j >= 2 and toks[j - 2].text.islower() and
                                        toks[j - 2].lower.endswith("s") and
                                        toks[j - 2].lower not in ROLE_HEADS | TITLE_PLURALS):
                # ("more than 4,000 prospective tenants of estate agent X": a count, or
                # the people of whom the title is said, is no part of the title)
                break
            j -= 1
        if j == i:
            return None, None
        chunk_s, chunk_e = toks[j].start, chunk_end
        chunk = self.text[chunk_s:chunk_e]
        words = [w.lower() for w in WORD_RE.findall(chunk)]
        if not set(words) & (ROLE_HEADS | {"police"}):
            # no title, but an organisation's possessive: "Cisco's Nick Biasini"
            # (a plural name's possessive too: "Quarry Labs' Lena Brooks")
            mm = re.search(r"([A-Z][\w.&\- ]*?)(?:['’]s|(?<=s)['’])\s*$", chunk)
            if mm and n_words(mm.group(1)) <= 5:
                orgs = self.orgs.in_span(chunk_s + mm.start(1), chunk_s + mm.end(1))
                aff = orgs[-1][2] if orgs else self._canon_org(mm.group(1))
                return None, aff
            return None, None
        aff = None
        orgs = [o for o in self.orgs.in_span(chunk_s, chunk_e)   # not a title taken for an org
                if self.text[o[0]:o[1]].split()[0].lower() not in ROLE_HEADS and
                not AREA_ADVISER.match(self.text, o[0], chunk_e)]
        role_s = chunk_s
        if orgs:
            o = orgs[-1]
            aff = o[2]
            if o[0] == chunk_s or self.text[chunk_s:o[0]].strip() in {"", "'s", "’s"}:
                role_s = o[1]
        else:
            # a possessive capitalised prefix: "Newark's Service Director", "NPR's"
            mm = re.match(r"([A-Z][\w.&\- ]*?)['’]s\s+", chunk)
            if mm:
                aff = self._canon_org(mm.group(1))
                role_s = chunk_s + mm.end()
            # a firm's name before a lower-case title: "Rendition Infosec founder" (not a
            # generic noun: "Hospital president")
            mm = re.fullmatch(r"((?:[A-Z][\w.&\-]*\s+){1,4})((?:[a-z][\w\-]*\s*){1,3})", chunk)
            if mm and not aff and set(WORD_RE.findall(mm.group(2))) & ROLE_HEADS and \
                    not AREA_ADVISER.search(chunk) and \
                    not all(w.lower() in ORG_NOUNS | STOP_CAPS | GENERIC_NAME_WORDS
                            for w in mm.group(1).split()) and \
                    (SECURITY_NAME.search(mm.group(1)) or ACADEMIC_NAME.search(mm.group(1)) or
                     AUTHORITY_NAME.search(mm.group(1)) or
                     set(w.lower() for w in mm.group(1).split()) & ORG_WORDS or
                     self._firm_before_title(chunk_s + mm.start(1), chunk_s + mm.end(1))):
                aff = self._canon_org(mm.group(1).strip(), allow_new=True)
                role_s = chunk_s + mm.start(2)
            # "the company's CEO", "the city's attorney": the organisation referred to
            mm = re.match(r"([a-z]+)['’]s\s+", chunk)
            if mm and mm.group(1) in ORG_NOUNS:
                ref = self._org_reference(s, mm.group(1))
                if ref:
                    aff = ref[0]
                role_s = chunk_s + mm.end()
        role = self.text[role_s:chunk_e].strip(" ,")
        role = re.sub(r"^['’]s?\s+", "", role).strip()   # ("Arctos' CTO": no "' CTO")
        role = re.sub(r"^(newly appointed|new|former|then|only|sole|lone)\s+", "", role,
                      flags=re.I)
        # "Council leader Cllr Nadia Brooks": the councillor's style after a title is no part
        # of the role
        role = re.sub(r"(?<=\w)\s+(?:Cllr\.?|Councillor|Councilor)$", "", role)
        if role and not aff and re.match(r"(?:its|their)\s", role, re.I):
            # "Its head of IT, Grace Liu": the organisation spoken of last
            ref = self.orgs.last_before(s, exclude_roles=("attacker",))
            if ref:
                aff = ref[0]
        role = re.sub(r"^(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+|^[a-z]+['’]s\s+", "", role)
        if not role or not set(w.lower() for w in WORD_RE.findall(role)) & (ROLE_HEADS | {"police"}):
            role = None
        return role, aff

    def _firm_before_title(self, a: int, b: int) -> bool:
        """A capitalised name before a lower-case title is the employer ("IDCARE chief
        executive X", "Vantage Point chief research officer Y", "Dunmore Keane partner Z"),
        unless it is a place or nationality ("Sydney analyst", "British researcher"), a
        capitalised modifier ("Former chief executive"), or a body noun that belongs to the
        title ("Opposition leader", "Cabinet member")."""
        words = self.text[a:b].split()
        low = [w.lower().strip(".") for w in words]
        if low[0] in TITLE_MODIFIERS or low[0] in STOP_CAPS or \
                all(w in TITLE_MODIFIERS | ORG_NOUNS | STOP_CAPS | GENERIC_NAME_WORDS |
                    ROLE_HEADS | BODY_TITLE_WORDS for w in low) or \
                is_place(low) or self._place_overlaps(a, b):
            return False
        if len(words) == 1 and not re.search(r"\w[A-Z]", words[0]):
            # one ordinary capitalised word is a title word at a sentence start ("Practice
            # manager", "Privacy campaigner") unless the text capitalises it mid-sentence too
            return any(not re.search(r"(?:[.!?:\"“”]\s*|\n\s*|^\s*)$", self.text[max(0, p - 4):p])
                       for p in self._capitalised_words().get(words[0], ()) if p != a)
        return True

    # ----------------------------------------------------------------- speaker parsing
    def _speaker_from(self, s: int, e: int, side: str, anchor: int,
                      strict: bool = True) -> Speaker | None:
        """Parse the speaker phrase in [s, e). ``side`` = 'pre' (the phrase ends right before
        the speech verb) or 'post' (it starts right after the verb)."""
        if side == "pre":
            m = LEADING_RELATIVE.match(self.text, s, e)
            if m:
                e = m.end(1)   # "Fernhill Health, which runs A, B and C," -> the name
            else:
                m = re.match(r"((?:[\w’'\-]+\s+){1,4}?)(?:who|that|which)\s+"
                             r"[a-z][^,;:\"“”]{2,80}$", self.text[s:e])
                if m and (m.group(1)[:1].islower() or m.group(1).split()[0].lower() in {
                        "another", "one", "a", "an", "the"}):
                    # "Another user who reached out to the BBC said", "A ransomware gang that
                    # attacked X left a note": the user / the gang, not the BBC / X
                    e = s + len(m.group(1).rstrip())
        toks = tokens(self.text, s, e)
        words = [t for t in toks if t.text[0].isalnum()]
        if side == "pre":
            # "it also said", "The company further explained"
            while len(words) > 1 and words[-1].lower in ADVERBS_BEFORE_VERB:
                words = words[:-1]
            if words:
                e = words[-1].end
        if not words:
            return None
        key = words[-1] if side == "pre" else words[0]
        kl = re.sub(r"['’](ve|s|d|ll|re)$", "", key.lower)
        # 1. pronouns
        if kl in PRONOUNS_PERSON | PRONOUNS_ORG | PRONOUNS_PLURAL:
            if side == "post" or len(words) == 1 or words[-2].lower in ADVERBS_BEFORE_VERB | {
                    "and", "but", "so", "then"}:
                what = "person" if kl in PRONOUNS_PERSON else ("org" if kl == "it" else "plural")
                # ("They’ve" is the mention "They")
                return self._resolve_pronoun(what, anchor,
                                             re.sub(r"['’](?:ve|d|ll|re)$", "", key.text))
            return None
        names = self._names_in(s, e)
        multi = [n for n in names if len(self.text[n[0]:n[1]].split()) > 1]
        single = [n for n in names if n not in multi]
        # a single name opening an apposition: "Strafach, CEO of Sudo Security Group"
        lead = [n for n in single if n[0] <= s + 2 and self.text[n[1]:n[1] + 1] == ","]
        # a name that only modifies a final noun is no speaker: "The New Jersey-based company"
        if side == "pre" and words[-1].text.islower() and \
                words[-1].lower in DESCRIPTOR_NOUNS | ORG_NOUNS:
            # (but a name before "of/at/from the …" is the person: "Sergeant Helen Crabtree of
            # the county police said")
            multi = [n for n in multi if n[1] < words[-1].start - 2 and (
                self.text[n[1]:n[1] + 1] == "," or re.fullmatch(
                    r"\s+(?:of|at|from|with|for)\s+(?:the\s+|an?\s+)?(?:[\w\-]+\s+){0,3}",
                    self.text[n[1]:words[-1].start]))]
            lead = []
        # "Brackwater, a threat intelligence provider,": the organisation heads the subject
        if side == "pre" and not multi and not lead:
            for o in self.orgs.in_span(s, e)[:1]:
                if o[0] <= s + 4 and ORG_APPOSITION.match(
                        self.text[o[1]:e].lstrip(" ,"), 0) and \
                        self.text[o[1]:o[1] + 1] == ",":
                    return Speaker(name=o[2], kind="org", affiliation=o[2], org_role=o[3])
        # 2. descriptions: "a spokesperson for the company", "Privacy advocates", "the company"
        if not multi and not lead:
            desc = self._description(words, s, e, side, anchor, strict)
            if desc:
                return desc
        if lead and not multi:
            multi = lead
        # 3. people: a full name, preferring the head of "Name, apposition," subjects
        pick = None
        if len(multi) >= 2 and re.fullmatch(r"\s*(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*\s*",
                                            self.text[multi[0][1]:multi[1][0]]) and \
                set(WORD_RE.findall(self.text[multi[0][1]:multi[1][0]])) & ROLE_HEADS:
            # "Rendition Infosec founder Jake Williams" with the firm tagged as a person: the
            # name after the title speaks
            multi = multi[1:]
        if multi:
            if side == "post":
                pick = multi[0]
            else:
                first = multi[0]
                after = self.text[first[1]:first[1] + 3]
                # ("researcher Jonas Feld of Ostrava-based Sentinela said", with the firm
                # tagged as a person: the name before "of/at/from" speaks)
                pick = first if after.startswith((",", " (")) or re.match(
                    r"\s+(?:of|at|from|with)\s", self.text[first[1]:first[1] + 7]) else multi[-1]
        # (an "organisation" that is one sentence-opening modifier is none: "Former employees")
        orgs = [o for o in self.orgs.in_span(s, e)
                if o[2].lower() not in TITLE_MODIFIERS | OPENING_NOUNS]
        if side == "pre":
            # "the Expedia-owned site said": the organisation only modifies the speaker
            orgs = [o for o in orgs if not ORG_MODIFIER_AFTER.match(self.text, o[1], e)]
        if pick is None and side == "pre" and single and \
                HANDLE_BEFORE.search(self.text, max(s, single[-1][0] - 140), single[-1][0]):
            pick = single[-1]   # "a Darkode staff member who used the handle Bullets told"
        if pick is None and orgs:
            o = orgs[0] if side == "post" or self.text[orgs[0][1]:orgs[0][1] + 2].startswith(",") \
                or re.match(r"\s+(and|&)\s+$", self.text[orgs[0][1]:orgs[-1][0]] if len(orgs) > 1
                            else "x") else orgs[-1]
            return Speaker(name=o[2], kind="org", affiliation=o[2], org_role=o[3])
        if pick is None and single:
            cand = single[0] if side == "post" else single[-1]
            cand_txt = self.text[cand[0]:cand[1]]
            near = (cand[1] >= e - 2) if side == "pre" else (cand[0] <= s + 2)
            known = bool(self._with_surname(cand_txt))
            if near or known:
                org = self.orgs.lookup(cand_txt) or self._org_prefix(cand_txt)
                if org:
                    return Speaker(name=org[0], kind="org", affiliation=org[0], org_role=org[1])
                pick = cand
        if pick is not None:
            full, role, aff = self._person_info(*pick)
            # a staff title without an organisation: see _staff_affiliation (applied later)
            return Speaker(name=full, role=role, affiliation=aff, kind="person",
                            org_role=self._role_of(aff))
        return None

    def _kind_employer(self, sp: Speaker, anchor: int, is_kind) -> Speaker | None:
        """``sp`` employed by the organisation whose name words ``is_kind`` accepts: the victim
        of that kind, else the one of that kind named before ``anchor`` (no attacker); None
        when none or several."""
        occ = [(s, canon, role) for s, e, canon, role in self.orgs.occurrences()
               if role != "attacker" and is_kind(norm(canon).split())]
        pick = [o for o in occ if o[2] == "victim"] or [o for o in occ if o[0] < anchor]
        if not pick or len({o[1] for o in pick}) != 1:
            return None
        _, canon, role = pick[-1]
        return Speaker(name=sp.name, mention=sp.mention, role=sp.role, affiliation=canon,
                       kind=sp.kind, org_role=role, desc_words=sp.desc_words)

    def _staff_affiliation(self, sp: Speaker, anchor: int) -> Speaker:
        """A named person whose title is a staff title ("Chief Executive X", "he said" of
        him) without an organisation works for the victim named nearest before."""
        if sp.kind != "person" or sp.affiliation or not sp.role:
            return sp
        rw = set(w.lower() for w in WORD_RE.findall(sp.role))
        if "police" in rw:
            # "Deputy Commissioner of Police (Cyber) X" after "according to the Pune cyber
            # police": that force
            force = self._police_force_before(anchor)
            if force:
                return Speaker(name=sp.name, mention=sp.mention, role=sp.role,
                                affiliation=force, kind=sp.kind, org_role="authority",
                                desc_words=sp.desc_words)
        # "Board member X", "Council leader Y": the article's organisation of that kind
        bodies = [w for w in WORD_RE.findall(sp.role) if w[:1].isupper() and
                  w.lower() in {"board", "council", "committee", "commission", "department",
                                "office", "ministry", "agency", "authority"}]
        if bodies:
            named = [(s, canon, role) for s, e, canon, role in self.orgs.occurrences()
                     if canon.split()[-1].lower() == bodies[0].lower() and s < anchor]
            if named:
                _, canon, role = named[-1]
                return Speaker(name=sp.name, mention=sp.mention, role=sp.role,
                                affiliation=canon, kind=sp.kind, org_role=role,
                                desc_words=sp.desc_words)
        # "council leader X", "County Commissioner Y", "Airport manager Z": the role names
        # the kind of organisation; a victim of that kind (else the one organisation of that
        # kind named before) is the employer
        kinds = [w for w in rw if w in KIND_NOUNS]
        if kinds and rw - set(kinds) & (STAFF_WORDS | KIND_STAFF_WORDS):
            kind = kinds[0]
            found = self._kind_employer(sp, anchor, lambda words: kind in words)
            if found is not None:
                return found
        # "Superintendent X", "Mayor Y", "Dean Z": the head of a school district, a town, a
        # university -- the victim of that kind (else the one of that kind named before), not
        # the vendor named last
        heads = WORD_RE.findall(sp.role)
        kinds = TITLE_KINDS.get(heads[-1].lower(), ()) if heads else ()
        if kinds:
            found = self._kind_employer(sp, anchor, lambda words: bool(set(words) & kinds))
            if found is not None:
                return found
        if rw & {"managing", "senior", "founding"} and "partner" in rw:
            rw = rw | {"principal"}   # "Managing partner X" runs the (victim) firm
        if not rw & STAFF_WORDS or rw & (AUTHORITY_WORDS | EXPERT_WORDS | {"police"}):
            return sp
        # inside a passage about another incident ("Elsewhere, … hit the city of X. …
        # spokeswoman Y said"): that organisation's staff, not the article's victim's
        bg = self._background_org(anchor)
        if bg:
            return Speaker(name=sp.name, mention=sp.mention, role=sp.role, affiliation=bg[0],
                            kind=sp.kind, org_role=bg[1], desc_words=sp.desc_words)
        lead = self._lead_subject_org(anchor)
        if lead:
            return Speaker(name=sp.name, mention=sp.mention, role=sp.role, affiliation=lead[0],
                            kind=sp.kind, org_role=lead[1], desc_words=sp.desc_words)
        victims = [(s, canon) for s, e, canon, role in self.orgs.occurrences()
                   if role == "victim" and s < anchor]
        v = victims[-1][1] if victims else (self.orgs.victim() or (None,))[0]
        if v is None:
            return sp
        return Speaker(name=sp.name, mention=sp.mention, role=sp.role, affiliation=v,
                        kind=sp.kind, org_role="victim", desc_words=sp.desc_words)

    def _police_force_before(self, anchor: int) -> str | None:
        """The police force named last before ``anchor``: an organisation named as police, or
        a place's police ("Bengaluru police", "the Pune cyber police")."""
        occ = [(s, canon) for s, e, canon, role in self.orgs.occurrences()
               if s < anchor and re.search(r"\bpolice\b", canon, re.I)]
        best = occ[-1] if occ else None
        for m in POLICE_FORCE.finditer(self.text, 0, anchor):
            words = m.group(1).split()
            while words and words[0].lower() in STOP_CAPS | {"the"}:
                words.pop(0)
            if len(words) >= 2 and not {w.lower() for w in words[:-1]} <= GENERIC_FORCE and \
                    (best is None or m.start() > best[0]):
                best = (m.start(), " ".join(words))
        return best[1] if best else None

    def _colleague_affiliation(self, ns: int, ne: int) -> str | None:
        """"Her colleague, Dr Ines Varga, …" / "Ines Varga, a colleague of Tom Reed, …": a
        colleague works where the person referred to works."""
        has = getattr(self, "_has_colleague", None)
        if has is None:
            has = self._has_colleague = "colleague" in self.text
        if not has:
            return None
        m = COLLEAGUE_BEFORE.search(self.text, max(0, ns - 40), ns)
        if m:
            prev = self._last_person_before(m.start())
            other = prev[1] if prev else None
        else:
            m = COLLEAGUE_AFTER.match(self.text, ne)
            other = self._full_name(m.group(1)) if m else None
        if not other or other == self.text[ns:ne]:
            return None
        return (self.registry.get(other) or {}).get("affiliation")

    def _affiliation_from_own_words(self, quotes: list) -> None:
        """A named person the text never introduces (no title, no organisation) speaks for
        the one organisation that his or her own direct quotes make act while speaking as
        "we"/"our" ("'CDOT operated for a long time without computers, so we'll use pen and
        paper,' Ford said"); failing that, for the
        organisation at whose briefing or press conference the person spoke ("X said at a
        White House briefing"). The speaker type follows the organisation's role."""
        people: dict[str, list] = {}
        as_i = self._speaking_as_i(quotes)
        for q in quotes:
            if q.kind == "org" and q.speaker in as_i:
                # an organisation does not say "I": "'The message I'm sharing …,' Ford said"
                # is a person called Ford (not the car maker) working for CDOT
                canon, role = as_i[q.speaker]
                q.kind, q.affiliation, q.role, q.mention = "person", canon, None, None
                q.stype = self._stype(Speaker(name=q.speaker, affiliation=canon,
                                               kind="person", org_role=role))
            if q.kind == "person" and q.speaker:
                people.setdefault(q.speaker, []).append(q)
        for name, qs in people.items():
            if any(q.affiliation for q in qs):
                continue
            # (a person introduced with a title is no stranger to the text)
            found = (None if any(q.role for q in qs) else
                     self._we_organisation([q for q in qs if q.direct])) or \
                self._briefing_organisation(name)
            if not found:
                continue
            canon, role = found
            for q in qs:
                q.affiliation = canon
                q.stype = self._stype(Speaker(name=q.speaker, role=q.role, affiliation=canon,
                                               kind="person", org_role=role))

    def _victim_voice(self, quotes: list) -> None:
        """An executive or staff member typed ``expert`` (his organisation was taken for a
        security firm, or nobody marked it) whose own direct quotes speak as the victim ("Our
        systems were not breached", "We refused to pay", "We have brought in external
        experts") speaks for the affected organisation: ``victim_representative``. Titles of
        experts (researcher, analyst, professor) and organisations named as security firms or
        academies keep ``expert``. Only the victim's own people, or one whose organisation
        is unnamed or while no victim is named, speak so: a supplier's or a consultancy's
        director is no victim's. "Our customers/clients/patients" alone speaks for the victim
        only when the affiliation is the victim ("attacks like this hit our customers every
        week," says a backup-software seller's officer)."""
        people: dict[str, list] = {}
        for q in quotes:
            if q.kind == "person" and q.speaker and q.stype == "expert":
                people.setdefault(q.speaker, []).append(q)
        victim = self.orgs.victim() is not None
        for qs in people.values():
            words = {w.lower() for q in qs for w in WORD_RE.findall(q.role or "")}
            if not words & (STAFF_TYPE_WORDS | OWNER_WORDS) or \
                    words & (EXPERT_WORDS | ACADEMIC_WORDS | {"security", "cyber"}) or \
                    any(self._type_from_name(q.affiliation) for q in qs):
                continue
            affs = {q.affiliation for q in qs if q.affiliation}
            own = any(self._victim_family(a) for a in affs)
            if affs and victim and not own:
                continue   # another organisation's officer, beside the named victim
            voice = (VICTIM_VOICE, VICTIM_PEOPLE) if own else (VICTIM_VOICE,)
            if any(p.search(self.text, q.start, q.end) for q in qs if q.direct for p in voice):
                for q in qs:
                    q.stype = "victim_representative"

    def _name_described_people(self, quotes: list) -> None:
        """A speaker described by a title ("the hospital's chief executive said") is the one
        person the text names with that title ("Chief Executive Allen Stefanek"): the name
        becomes the speaker, the description stays the mention and the title the role."""
        if not self.registry:
            return
        for q in quotes:
            if q.speaker or q.kind != "desc" or not q.mention:
                continue
            m = DESCRIBED_TITLE.match(q.mention)
            if not m or m.group(1).split()[-1].lower() not in ROLE_HEADS:
                continue
            title = m.group(1)
            named = [(full, info) for full, info in self.registry.items()
                     if info.get("role") and norm(info["role"]) == norm(title) and
                     not re.search(r"[.,;:]\s", full) and
                     (not q.affiliation or not info.get("affiliation") or
                      info["affiliation"] == q.affiliation)]
            if len(named) == 1:
                q.speaker = named[0][0]
                q.role = q.role or title

    def _speaking_as_i(self, quotes: list) -> dict[str, tuple[str, str]]:
        """One-word bystander organisations (role other) whose direct quotes speak in the
        first person singular and as "we" of another organisation that acts in them: a
        surname the entity recogniser took for a company -> that person's organisation."""
        cands: dict[str, list] = {}
        for q in quotes:
            if q.kind == "org" and q.speaker and len(q.speaker.split()) == 1 and \
                    q.mention is None and (self.orgs.lookup(q.speaker) or ("", ""))[1] == "other":
                cands.setdefault(q.speaker, []).append(q)
        out = {}
        for name, qs in cands.items():
            directs = [q for q in qs if q.direct]
            if not any(FIRST_PERSON_SINGULAR.search(self.text, q.start, q.end) for q in directs):
                continue
            found = self._we_organisation(directs)
            if found and found[0] != name:
                out[name] = found
        return out

    def _description(self, words: list[Tok], s: int, e: int, side: str,
                     anchor: int, strict: bool = True) -> Speaker | None:
        lw = [re.sub(r"['’]s$", "", t.lower) for t in words]
        idx = None
        n = len(lw)
        for i, w in enumerate(lw):
            if w not in DESCRIPTOR_NOUNS and w not in ORG_NOUNS:
                continue
            if words[i].text[:1].isupper() and i > 0 and not words[i - 1].text[:1].isupper() \
                    and w in ORG_NOUNS and w not in DESCRIPTOR_NOUNS:
                continue   # "the Election Committee" is a name, not "the committee"
            rest = lw[i + 1:]
            if side == "pre":
                if not rest or (rest[0] in {"for", "at", "of", "from", "with", "in"}
                                and len(rest) <= 7) or rest[0] in {"also", "have", "has"} or \
                        (rest[0] == "on" and w in {"report", "statement", "advisory", "post",
                                                   "blog", "notice", "announcement"}
                         and len(rest) <= 7 and not set(rest[1:4]) & SITE_WORDS):
                    # ("a report on the ransomware released Tuesday"; "a statement on its
                    # website" is where, handled as before)
                    idx = i
                    break
            else:
                if i + 1 < n and lw[i + 1] in DESCRIPTOR_NOUNS and (
                        w not in DESCRIPTOR_NOUNS or w == "ransomware"):
                    continue   # "said a state official": the official, not the state
                if i + 1 < n and w in DESCRIPTOR_NOUNS and not w.endswith("s") and \
                        words[i + 1].text[:1].isupper() and \
                        self.text[words[i].end:words[i + 1].start].isspace() and \
                        any(o[0] == words[i + 1].start for o in self.orgs.in_span(
                            words[i + 1].start, e)):
                    # "said PhD student Mira Castellanos": a title before a name (one the
                    # entity stage took for an organisation), not a described speaker
                    continue
                if i <= 4:
                    idx = i
                    break
        if idx is None:
            return None
        head = lw[idx]
        # phrase start: back over determiner / adjectives / possessor
        j = idx
        while j > 0 and idx - j < 5:
            p = lw[j - 1]
            noun = p in ORG_NOUNS and j >= 2 and lw[j - 2] in {"the", "a", "an", "its", "their"}
            if (p in SPEECH_VERBS and not noun) or p in {"and", "but", "that", "while", "after",
                                                         "as", "when", "said", "told", "though",
                                                         "although", "because", "since", "if",
                                                         "so", "yet", "whereas", "unless",
                                                         "until", "once", "before"}:
                break   # (a "state" after an article is a noun: "a state official")
            j -= 1
            if p in {"the", "a", "an", "his", "her", "its", "their", "our"}:
                break
        k = idx + 1
        if k < n and lw[k] in {"for", "at", "of", "from", "with"}:
            k2 = k + 1
            while k2 < n and k2 - k < 7 and lw[k2] not in SPEECH_VERBS:
                k2 += 1
            k = k2
        ms, me = words[j].start, words[k - 1].end
        mention = self.text[ms:me].strip(" ,")
        if side == "post" and strict and n_words(self.text[me:e]) > 3 and \
                not re.match(r"\s*,?\s*who\b", self.text[me:e]):
            return None   # (a relative clause may follow: "a state official who declined …")
        orgs = self.orgs.in_span(ms, me)
        is_org_noun = head in ORG_NOUNS and head not in DESCRIPTOR_NOUNS
        aff = orgs[-1][2] if orgs else None
        org_role = orgs[-1][3] if orgs else None
        dw = set(lw[j:k])
        poss = [w for w in words[j:idx] if re.search(r"['’]s$", w.text)
                and re.sub(r"['’]s$", "", w.lower) in ORG_NOUNS]
        if poss:
            ref = self._org_reference(anchor, re.sub(r"['’]s$", "", poss[0].lower))
            if ref:
                orgs = []
                aff, org_role = ref
                if is_org_noun:
                    return Speaker(name=ref[0], mention=mention, kind="org", affiliation=ref[0],
                                    org_role=ref[1])
        if is_org_noun:
            if orgs:
                return Speaker(name=orgs[-1][2], mention=mention, kind="org",
                                affiliation=orgs[-1][2], org_role=orgs[-1][3])
            if any(x < me and ms < y and not PLACE_BASED.match(self.text, y)
                   for x, y in self._places()):
                # "The Dutch consumer association": another body, not one named before
                # (but "The New Jersey-based company" is where a named one sits)
                return Speaker(mention=mention, kind="desc", desc_words=dw)
            if head in {"group", "groups", "gang", "crew"} and idx > j and \
                    lw[idx - 1] in ATTACKER_MODIFIERS:
                # "The extortion group that hit X said": the attackers (named before, else
                # described), never the victim a relative clause names
                named = self.orgs.last_before(ms, roles=("attacker",))
                actor = None if named else self._actor_between(0, ms)
                if named or actor:
                    nm = named[0] if named else actor
                    return Speaker(name=nm, mention=mention, kind="org", affiliation=nm,
                                    org_role="attacker")
                return Speaker(mention=mention, kind="desc", desc_words=dw | {"hackers"})
            # "the hospital group" is the hospital's group, whatever group spoke last
            ref_head = lw[idx - 1] if idx > j and lw[idx - 1] in VICTIM_NOUNS else head
            # (a group phrase "the group" can refer to lies before the mention itself)
            ref = self._org_reference(anchor, ref_head, before=ms)
            if ref:
                return Speaker(name=ref[0], mention=mention, kind="org", affiliation=ref[0],
                                org_role=ref[1])
            if head == "group" and self._hacker_group_before(min(anchor, ms)):
                dw = dw | {"hackers"}   # an unnamed hacking group speaks as the attacker
            return Speaker(mention=mention, kind="desc", desc_words=dw)
        if not aff and re.search(r"\b(the|this|that|its) (company|firm|bank|hospital|city|"
                                 r"organi[sz]ation|retailer|business|group|agency|utility)\b",
                                 mention, re.I):
            ref = self._org_reference(anchor, "company")
            if ref:
                aff, org_role = ref
        if not aff and head in {"spokesperson", "spokesman", "spokeswoman", "representative",
                                "official", "officials", "executive", "executives"} and \
                not self._place_overlaps(ms, me):
            # ("Colorado officials", "U.S. officials": a place's government, no named body)
            ss, _ = self._sent_of(anchor)
            o = [x for x in self.orgs.occurrences() if ss <= x[0] and x[1] <= anchor]
            ref = (o[-1][2], o[-1][3]) if o else (
                self._background_org(anchor) or self.prev_org(anchor) or self.orgs.victim())
            if ref:
                aff, org_role = ref
        if not aff and idx > j and lw[idx - 1] in ORG_NOUNS and \
                head in {"employee", "employees", "staff", "official", "officials", "executive",
                         "executives", "engineers", "officers", "team", "source", "sources"}:
            # "one council employee", "hospital staff": the organisation of that kind
            ref = self._org_reference(anchor, lw[idx - 1])
            if ref:
                aff, org_role = ref
        if not aff and head in {"researchers", "researcher"} and lw[j] == "the":
            ref = self.orgs.last_before(anchor, roles=("security_firm",))
            if ref:
                aff, org_role = ref
        fm = re.search(r"\bfrom\s+(?:the|its|their|our|your)\s+(?:[a-z][\w\-]*\s+)??([a-z]+)\b",
                       mention) if head in {"message", "note", "letter"} else None
        if fm and fm.group(1) in ORG_NOUNS and fm.group(1) not in {"gang", "group"}:
            # "The message from the council to residents was simple: …" is the council's, no
            # ransom note
            dw = dw - ATTACKER_WORDS
            if not aff:
                ref = self._org_reference(anchor, fm.group(1))
                if ref:
                    aff, org_role = ref
        if head in {"negotiator", "negotiators"} and not aff:
            # "a negotiator told a victim: …" after "the gang's negotiators", "in a chat log":
            # the attackers' negotiator (a victim's hired negotiator is named with a firm)
            ss, _ = self._sent_of(anchor)
            ps = self._sent_of(ss - 2)[0] if ss > 1 else ss
            if any(o[3] == "attacker" for o in self.orgs.overlapping(ps, anchor)) or \
                    self._actor_between(ps, anchor) or re.search(
                        r"\b(?:gang|hackers|attackers|extortion|ransom|chat)", self.text[ps:anchor],
                        re.I):
                dw = dw | {"hackers"}
        role = None
        if head in {"spokesperson", "spokesman", "spokeswoman", "representative"}:
            role = words[idx].text
        return Speaker(mention=mention, kind="desc", affiliation=aff, org_role=org_role,
                        role=role, desc_words=dw)

    def _person_starts(self) -> list[int]:
        """Start offsets of ``persons`` (entity order, so sorted), cached per list."""
        cached = getattr(self, "_pstarts", None)
        if cached is None or cached[0] is not self.persons or cached[1] != len(self.persons):
            cached = (self.persons, len(self.persons), [ps for ps, _ in self.persons])
            self._pstarts = cached
        return cached[2]

    def _quoted_cover(self) -> Cover:
        """The direct quotations' spans as a :class:`Cover`, built once per list of them."""
        directs = getattr(self, "directs", [])
        cached = getattr(self, "_qcover", None)
        if cached is None or cached[0] is not directs or cached[1] != len(directs):
            cached = (directs, len(directs), Cover([(q.start, q.end) for q in directs]))
            self._qcover = cached
        return cached[2]

    def _split_person_cached(self, ps: int, pe: int) -> tuple[int, int] | None:
        """``_split_person`` of a PERSON entity, remembered (the organisation index it reads
        is final once the extractor is built)."""
        memo = getattr(self, "_split_memo", None)
        if memo is None or memo[0] is not self.orgs.forms:
            memo = (self.orgs.forms, {})
            self._split_memo = memo
        key = (ps, pe)
        if key not in memo[1]:
            memo[1][key] = self._split_person(ps, pe)
        return memo[1][key]

    def _last_person_before(self, anchor: int) -> tuple[int, str] | None:
        best = None
        # a name inside a quotation is not who "he" or "she" is ("Teams open up …," she said)
        quoted = self._quoted_cover()
        for pos, full in self.mentions:
            if pos < anchor and (best is None or pos > best[0]) and pos not in quoted:
                best = (pos, full)
        # PERSON entities (from the NER) not seen as speakers yet: the entities do not
        # overlap and are in text order, so the name parts start in text order too and the
        # first usable entity walking back from the anchor is the last one before it
        for k in range(bisect_left(self._person_starts(), anchor) - 1, -1, -1):
            ps, pe = self.persons[k]
            if best is not None and pe <= best[0] + 1:
                break   # (a name found in [ps, pe) starts before pe: it cannot be later)
            if ps in quoted:
                continue
            sp = self._split_person_cached(ps, pe)
            if sp and sp[1] <= anchor and (best is None or sp[0] > best[0]):
                name = self.text[sp[0]:sp[1]]
                if len(name.split()) == 1:
                    # "For Anand, the episode changed how she works. '…,' she said": a
                    # surname of a person named in full before is that person
                    full = next((f for f in self._with_surname(name) if len(f.split()) > 1),
                                name)
                    name = full
                if len(name.split()) > 1:
                    best = (sp[0], name)
                    break
        return best

    def _gender(self, full: str) -> str | None:
        """"f", "m" or None: what the text itself says of the person — an honorific
        ("Ms Berg", "Mr. Ferrer"), a gendered title ("spokeswoman", "chairman") or the
        pronouns of a sentence naming the person ("Ferrer said his team …") — else the usual
        gender of the first name (US Census 1990 lists, ``cfg.genders``); None when nothing
        tells or the text says both."""
        memo = self.__dict__.setdefault("_gender_memo", {})
        if full in memo:
            return memo[full]
        votes = set()
        sur = surname_of(full)
        text = self.text
        if sur[:1].isupper() and len(sur) > 1:
            for m in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w’'\-]*\s+){0,2}" +
                                 re.escape(sur) + r"\b", text):
                votes.add("m" if m.group(1) == "Mr" else "f")
        role = (self.registry.get(full) or {}).get("role") or ""
        for w in WORD_RE.findall(role.lower()):
            if w in FEMALE_TITLES:
                votes.add("f")
            elif w in MALE_TITLES:
                votes.add("m")
        if sur[:1].isupper() and len(sur) > 1:
            starts = self._person_starts()
            quoted = self._quoted_cover()
            for pos in self._capitalised_words().get(sur, ()):
                if pos in quoted:
                    continue
                _, se = self._sent_of(pos)
                # the first personal pronoun after the name in its sentence, before any other
                # person named and not a speech tag ("…, she said" is what is being resolved)
                k = bisect_right(starts, pos + len(sur))
                end = min(se, starts[k]) if k < len(starts) else se
                pm = PERSONAL_PRONOUN.search(text, pos + len(sur), end)
                if pm and pm.start() not in quoted and not TAG_AFTER.match(text, pm.end()):
                    votes.add("f" if pm.group(1).lower() in {"she", "her", "hers", "herself"}
                              else "m")
        if not votes:   # the text says nothing: the usual gender of the first name
            first = next((w for w in full.split() if w.rstrip(".").lower() not in HONORIFICS),
                         "")
            g = self.cfg.genders.get(first)
            if g:
                votes.add(g)
        memo[full] = votes.pop() if len(votes) == 1 else None
        return memo[full]

    def _capitalised_words(self) -> dict[str, list[int]]:
        """Start positions of every capitalised word of the text (one pass, kept)."""
        index = getattr(self, "_cap_words", None)
        if index is None:
            index = {}
            for m in CAP_WORD.finditer(self.text):
                index.setdefault(m.group(), []).append(m.start())
            self._cap_words = index
        return index

    def _resolve_pronoun(self, what: str, anchor: int, surface: str) -> Speaker | None:
        prev = [q for q in self.done if q.start < anchor and q.resolved]
        if what == "person":
            last = self._last_person_before(anchor)
            want = {"she": "f", "he": "m"}.get(surface.lower())
            cand, steps = last, 0
            while want and cand and steps < 6 and \
                    self._gender(self._full_name(cand[1])) not in (None, want):
                # "she said" goes back past the men named last to the woman named before
                cand, steps = self._last_person_before(cand[0]), steps + 1
            if cand and cand is not last:
                last = cand
            if last:
                full = self._full_name(last[1])
                reg = self.registry.get(full) or {}
                if not reg:
                    pos = self.text.find(full)
                    if pos >= 0:
                        full, role, aff = self._person_info(pos, pos + len(full))
                        reg = {"role": role, "affiliation": aff}
                aff = reg.get("affiliation")
                return Speaker(name=full, role=reg.get("role"), affiliation=aff, kind="person",
                                org_role=self._role_of(aff))
            return Speaker(mention=surface, kind="desc")
        if what == "plural":
            if prev and prev[-1].kind in {"org", "desc"}:
                q = prev[-1]
                return Speaker(name=q.speaker, mention=surface if q.speaker else q.mention,
                                role=q.role, affiliation=q.affiliation, kind=q.kind,
                                org_role=self._role_of(q.affiliation))
            ref = self.orgs.last_before(anchor, exclude_roles=("other",))
            if ref:
                return Speaker(name=ref[0], mention=surface, kind="org", affiliation=ref[0],
                                org_role=ref[1])
            return Speaker(mention=surface, kind="desc")
        # "it said": the organisation the sentence before is about, else the organisation of
        # the last statement, else the last organisation that is not a bystander, else the
        # victim
        ref = self._subject_org_before(anchor) or self.prev_org(anchor) or \
            self.orgs.last_before(anchor, exclude_roles=("other", "attacker")) or \
            self.orgs.victim() or self.orgs.last_before(anchor, exclude_roles=("attacker",)) or \
            self.orgs.last_before(anchor)
        if ref:
            return Speaker(name=ref[0], mention=surface, kind="org", affiliation=ref[0],
                            org_role=ref[1])
        return Speaker(mention=surface, kind="desc")

    # ----------------------------------------------------------------- speaker type
    def _stype(self, sp: Speaker) -> str:
        """expert | victim_representative | authority | attacker | other.

        The affiliation's role in ``doc._.organisations`` decides when it is telling
        (victim, security firm, authority, attacker, vendor); otherwise the speaker's own
        role words ("researcher", "police", "spokesperson", "a hacker claiming"), the
        affiliation's name ("… Security Labs", "… Police Department") and its kinship with a
        victim ("Cloquet School Board" for the victim "Cloquet School District") decide."""
        words = set(w.lower() for w in WORD_RE.findall(sp.role or "")) | sp.desc_words
        if words & TRADE_AGENT:
            words -= {"agent", "agents"}   # "estate agent X", "travel agents"
        org_role = sp.org_role
        aff = sp.affiliation
        victim = self.orgs.victim() is not None
        if org_role == "authority" and victim and IT_AGENCY.search(aff or sp.name or ""):
            return "victim_representative"   # the victim's own IT agency speaks for it
        if sp.kind == "org":
            if org_role in ORG_TO_TYPE and org_role != "other":
                return ORG_TO_TYPE[org_role]
            if MEDIA_WORDS.search(sp.name or "") or MEDIA_WORDS.search(sp.mention or ""):
                return "other"   # "the Lorne Gazette news website" is the press, not the victim
            return self._org_type(sp.name) or (
                "victim_representative" if self._victim_family(sp.name) else "other")
        if "former" in words and org_role == "authority" and sp.kind == "person":
            return "expert"   # "the former head of the NCSC" comments; he speaks for no agency
        academic = self._academic_type(sp, words, victim)
        if academic:
            return academic
        if org_role != "victim" and (words & {"union", "unions"} or TRADE_UNION.search(
                aff or "")) and not re.search(r"\bEuropean\s+Union\b", sp.role or "", re.I):
            return "other"   # "union secretary X": a trade union speaks for its members
        if org_role == "other" and words & SPOKES and AUTHORITY_NAME.search(sp.role or ""):
            return "authority"   # "Sûreté du Québec spokesperson X" (its name in the title)
        if org_role == "other" and words & SPOKES:
            if self._type_from_name(aff) == "authority":
                return "authority"   # "Sûreté du Québec spokesperson Lt. X"
            return "victim_representative"   # spokespeople speak for the affected side
        if org_role in ORG_TO_TYPE and org_role != "other":
            return ORG_TO_TYPE[org_role]
        if aff and org_role is None and not words & AUTHORITY_WORDS and not words & SPOKES:
            named = self._org_type(aff)
            if named:
                return named
            if self._victim_family(aff):
                return "victim_representative"
            return "expert"   # an organisation nobody marked: a commenting firm, mostly
        if words & ATTACKER_WORDS and not words & EXPERT_WORDS:
            return "attacker"
        if words & {"hacker", "hackers"} and not aff and \
                not words & (EXPERT_WORDS - {"hacker", "hackers"}) and \
                not words & {"ethical", "white-hat", "whitehat", "security", "friendly"}:
            return "attacker"   # "the hacker told Motherboard" (an ethical hacker is an expert)
        if re.search(r"\b(?:U\.?\s?S\.?|district|state|federal|assistant\s+U\.?\s?S\.?)\s+attorney\b",
                     sp.role or "", re.I) and not aff:
            return "authority"   # "the U.S. attorney in Atlanta", "District Attorney X"
        if words & EXPERT_WORDS or ("research" in words and not words & AUTHORITY_WORDS):
            return "expert"   # ("the research team", "research associate")
        if words & AUTHORITY_WORDS:
            if words & {"officials", "official"} and victim and \
                    not words & {"police", "law", "government", "federal", "state"}:
                return "victim_representative"
            return "authority"
        if aff:
            named = self._org_type(aff)
            if named:
                return named
            if self._victim_family(aff):
                return "victim_representative"
            if org_role == "other":
                return "other"   # staff of a bystander organisation
        if words & STAFF_TYPE_WORDS or (sp.kind == "desc" and words & VICTIM_NOUNS):
            # "Chief Executive X", "Board member Y", "the hospital said": the affected side
            return "victim_representative" if victim else "other"
        return "other"

    def _academic_type(self, sp: Speaker, words: set[str], victim: bool) -> str | None:
        """A person of a university or institute the organisation component did not mark
        as the victim: academics and students are experts ("a PhD student at X"); its
        staff titles ("manager of public affairs", "spokesperson") speak for it, as the
        affected side when no other victim is named or it is akin to the victim."""
        aff = sp.affiliation
        if not aff or sp.org_role not in (None, "other", "vendor") or \
                not ACADEMIC_NAME.search(aff) or AUTHORITY_NAME.search(aff):
            return None
        if words & ACADEMIC_WORDS or not words:
            return "expert"
        if words & (SPOKES | INSTITUTION_STAFF):
            return "victim_representative" if (not victim or self._victim_family(aff)) \
                else "other"
        return None
