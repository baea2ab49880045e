"""Organisations in speaker resolution (a mixin of :class:`.speakers.SpeakerResolver`).

What a speaker's organisation is, when the text does not name it where the person speaks:

* references: "the company", "the city", "the agency", "the group" / "the gang" (the
  attacker named before, a group that names itself, or the organisation an apposition calls
  a group), "it" / "the company" at a sentence start (the organisation the sentence before
  opens with), the subject organisation of the sentence before a "we" quotation, and the
  organisation of a passage about another incident ("Elsewhere, …");
* canonical names: a surface form of an organisation of the article (a new one only when
  asked: "a founding partner at X in <Place>" gives X), a prefix of one, places that are no
  organisation ("state of Hesse");
* what an organisation is: a speaker type its name gives away ("… Police", "… Security",
  "… University"), a security firm by the text's description of it, the victim's kin ("Cloquet
  School Board" for "Cloquet School District") and its parent company;
* the organisation a person speaks for as "we" in his or her own quotes, or whose briefing he
  or she spoke at.

:class:`OrgReferences` holds no state of its own; it reads the extractor's ``text``,
``orgs`` (:class:`~pipeline.nlp.quote_rules.Orgs`), ``done``, ``doc`` and ``_sent_of(pos)``
and keeps per-text memos as ``_``-attributes. :class:`Cover` answers "is this position inside
any of these spans" by bisection.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.nlp.quote_rules import (
    SECURITY_AFTER, SECURITY_BEFORE, WORD_RE, n_words, norm,
)
# a sentence about an earlier or another incident: the services component's marker
from pipeline.nlp.services import BACKGROUND_START
from pipeline.nlp.speaker_patterns import (
    ACADEMIC_NAME, ATTACKER_HEAD, AUTHORITY_NAME, BRIEFING, CENTRAL_BANK, COMPANY_NOUNS,
    FIRST_PERSON_PLURAL, GENERIC_NAME_WORDS, GROUP_MODIFIES, HACKER_GROUP, IT_OR_THE_COMPANY,
    ORG_ACTS, PARENT_AFTER, PARENT_ANY, PARENT_BEFORE, PLACE_AFTER_NAME, PUBLIC_BODY, REGION_OF,
    SECURITY_NAME, SELF_NAMED_GROUP, VICTIM_NOUNS, inside_name, literal_spans, word_re,
)

__all__ = ["Cover", "OrgReferences"]


def _headed_by(surface: str, noun: str) -> bool:
    """The organisation's name is a kind of ``noun``: the noun ends it ("Cloquet School
    District") or opens it before "of" ("University of Carrowmore")."""
    words = [w.lower() for w in WORD_RE.findall(surface)]
    if words and words[0] == "the":
        words = words[1:]
    return bool(words) and (words[-1] == noun or (len(words) > 2 and words[0] == noun and
                                                  words[1] == "of"))


class OrgReferences:
    """Which organisation a reference, a title or a "we" means, and what kind of
    organisation it is (a mixin: see the module docstring for what it reads)."""

    def _org_at(self, s: int, e: int) -> tuple[str, str] | None:
        """The first organisation mention (in text order) overlapping [s, e)."""
        if s < e:   # by bisection: the mentions never overlap each other
            hit = self.orgs.overlapping(s, e)
            return (hit[0][2], hit[0][3]) if hit else None
        for os_, oe, canon, role in self.orgs.occurrences():
            if os_ < e and s < oe:
                return canon, role
        return None

    def _org_covers(self, s: int, e: int) -> bool:
        """An organisation mention covers the whole span (a part is not enough: a wrong
        one-word organisation must not hide a person's full name)."""
        if s >= e:
            return any(os_ <= s and e <= oe for os_, oe, _, _ in self.orgs.occurrences())
        for os_, oe, _, _ in self.orgs.overlapping(s, e):   # only these can cover the span
            if os_ <= s and e <= oe:
                return True
            if len(self.text[s:e].split()) == 1:
                return True
        return False

    def _canon_org(self, surface: str, allow_new: bool = False) -> str | None:
        surface = surface.strip(" ,.")
        surface = re.split(r",|\s+(?:said|says|told|who|which|that|where|whose|in a)\b",
                           surface)[0].strip()
        if not surface:
            return None
        hit = self.orgs.lookup(surface)
        if hit:
            return hit[0]
        ns = norm(surface)
        for n, canon in self._normed_forms():
            if n and (n in ns or ns in n):
                return canon
        if (allow_new or not self.orgs.forms) and surface[:1].isupper() and \
                n_words(surface) <= 6 and not self._names_in(0, 0):
            # (where the organisation is, is no part of its name: "a founding partner at
            # Marlow Pike Architects in Stokes Croft")
            return PLACE_AFTER_NAME.sub("", surface) or surface
        return None

    def _lead_subject_org(self, anchor: int) -> tuple[str, str] | None:
        """The organisation that opens the sentence before a quotation in its own voice
        ("we", "our"), when no title names one: 'German retailer Nordmode has cut its
        forecast, blaming the attack on its partner Hansetrans. / "Our orders were late,"
        chief financial officer X said' (Nordmode's officer, not the victim named last)."""
        para_e = self.text.find("\n", anchor)
        if not FIRST_PERSON_PLURAL.search(self.text, anchor, para_e if para_e >= 0 else len(self.text)):
            return None
        ss, _ = self._sent_of(anchor)
        if ss <= 0:
            return None
        ps, pe = self._sent_of(ss - 1)
        if ps >= ss or self.text[pe:ss].count("\n") > 2:
            return None
        start = ps + len(self.text[ps:pe]) - len(self.text[ps:pe].lstrip(" \t\r\n\"“‘'"))
        for o in self.orgs.in_span(start, pe)[:1]:
            lead = self.text[start:o[0]]
            if o[3] == "attacker" or ATTACKER_HEAD.search(lead) or \
                    self._known_actor(self.text[o[0]:o[1]], o[2]):
                # "The pro-Russian hacktivist group X claimed …": no employer (but
                # "Ransomware-hit retailer X has cut its forecast" is the retailer)
                return None
            if o[3] in {"victim", "other", "vendor"} and not CENTRAL_BANK.search(o[2]) and \
                    re.fullmatch(r"(?:(?:The|the|[A-Z][\w\-]*|[a-z][\w\-]*)\s+){0,4}", lead) and \
                    not re.search(r"\b(?:by|from|at|on|in|to|of|for|with|after|against|as|like|"
                                  r"including|than|and|or)\s+$", lead) and \
                    re.match(r"\s+(?:[a-z]+ly\s+)?(?:has|have|had|is|was|said|says|[a-z]+ed|"
                             r"[a-z]+s)\b", self.text[o[1]:o[1] + 30]):
                return o[2], o[3]
        return None

    def _we_organisation(self, directs: list) -> tuple[str, str] | None:
        if not any(FIRST_PERSON_PLURAL.search(self.text, q.start, q.end) for q in directs):
            return None
        named: dict[str, str] = {}
        for q in directs:
            for _, oe, canon, role in self.orgs.in_span(q.start, q.end):
                # the organisation acts in the speaker's words: "CDOT operated …", "The
                # … Research Center has seen …" (not "I'm upset at GameStop")
                if role not in {"attacker", "other"} and ORG_ACTS.match(self.text, oe):
                    named.setdefault(canon, role)
        return next(iter(named.items())) if len(named) == 1 else None

    def _briefing_organisation(self, name: str) -> tuple[str, str] | None:
        for pos, full in self.mentions:
            if full != name:
                continue
            ss, se = self._sent_of(pos)
            for m in BRIEFING.finditer(self.text, pos, se):
                orgs = self.orgs.in_span(m.start(1), m.end(1))
                if orgs:
                    return orgs[0][2], orgs[0][3]
        return None

    def _background_org(self, anchor: int) -> tuple[str, str] | None:
        """The bystander organisation of a background passage that ``anchor`` is in: a
        sentence up to three before it opens with a time or "elsewhere" marker ("Elsewhere,
        …", "In March, …") and names an organisation of role ``other``, and no victim of the
        article is named from there to the anchor."""
        sents = self.sents
        k = next((i for i, (s, e) in enumerate(sents) if s <= anchor < e), None)
        if k is None:
            return None
        occ = self.orgs.occurrences()
        starts = self.orgs._occ_starts   # (set by occurrences(); the mentions are in order)
        for j in range(k, max(-1, k - 4), -1):
            ss, se = sents[j]
            end = anchor if j == k else se
            here = occ[bisect_left(starts, ss):bisect_left(starts, end)] if ss < end else []
            if any(o[3] == "victim" for o in here):
                return None
            if BACKGROUND_START.match(self.text, ss, se):
                other = [o for o in here if o[3] == "other"]
                return (other[0][2], other[0][3]) if other else None
        return None

    def _known_actor(self, *names: str) -> bool:
        """One of the names is a threat actor of ``doc._.threat_actors``."""
        actors = {norm(a) for a in getattr(self.doc._, "threat_actors", None) or () if a}
        return any(norm(n) in actors for n in names if n)

    def _actor_between(self, s: int, e: int) -> str | None:
        """The threat actor named last in [s, e): one of ``doc._.threat_actors``, or a group
        that names itself ("a gang calling itself X", "hackers known as X")."""
        best = None
        for name in getattr(self.doc._, "threat_actors", None) or ():
            pos = self.text.rfind(name, s, e) if name else -1
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, name)
        for m in SELF_NAMED_GROUP.finditer(self.text, s, e):
            if best is None or m.start(1) > best[0]:
                best = (m.start(1), m.group(1))
        return best[1] if best else None

    def _group_phrases(self) -> tuple[list[int], list[tuple[str, tuple[str, str] | None]]]:
        """Every group phrase of the text that "the group" can refer back to, in text order:
        (start of the word "group", (kind, organisation)) with kind "hacker" ("a hacking group",
        "a group calling itself X"), "named" (an organisation described as a group: "Sunrise
        Health, a hospital group", or a name ending in "Group") or "other" ("a hospital
        group"); anaphoric "the group" / "this group" is no antecedent."""
        cached = getattr(self, "_groups_cache", None)
        if cached is not None:
            return cached
        text = self.text
        hacker_at: dict[int, bool] = {}
        for m in HACKER_GROUP.finditer(text):
            g = re.search(r"group", m.group(0), re.I)
            gs = m.start() + g.start()
            if inside_name(text, m.start(), gs):
                continue   # "Google's Threat Analysis Group", "the Ransomware Task Group"
            hacker_at[gs] = True
        starts: list[int] = []
        kinds: list[tuple[str, tuple[str, str] | None]] = []
        occ = None
        for m in re.finditer(r"\b[Gg]roup\b(?![\-‐])", text):   # (not "Group-IB")
            gs = m.start()
            if gs in hacker_at:
                starts.append(gs)
                kinds.append(("hacker", None))
                continue
            before = text[max(0, gs - 90):gs]
            if text[gs] == "G" and re.search(r"\b[A-Z][\w&.\-]*\s+$", before) and \
                    not re.search(r"\b(?:The|This|That|Same|A|An)\s+$", before):
                # a name ending in "Group": the organisation or threat actor it names
                if occ is None:
                    occ = self.orgs.occurrences()
                hit = [o for o in occ if o[0] < gs < o[1] + 1 and o[1] >= m.end()]
                ref = (hit[0][2], hit[0][3]) if hit else None
                if ref is None:
                    for name in self._actor_names():
                        if name and text.find(name, max(0, gs - len(name)), m.end()) >= 0 \
                                and name.lower().endswith("group"):
                            ref = (name, "attacker")
                            break
                starts.append(gs)
                kinds.append(("named", ref))
                continue
            if re.search(r"\b(?i:the|this|that|same|per|each|every)\s+$", before):
                continue   # "the group": an anaphor, not an antecedent ("per group member")
            if GROUP_MODIFIES.match(text, m.end()):
                continue   # "a group chat", "$100,000 per group member": no group phrase
            ap = re.search(r"(?:,\s*(?:a|an)|\s+(?:is|was|as)\s+(?:a|an|the))\s+"
                           r"(?:[\w\-]+\s+){0,3}$", before)
            if ap is None and re.match(r"\s*,", text[m.end():]):
                # "Sunrise Health, the hospital group, said …"
                ap = re.search(r",\s*the\s+(?:[\w\-]+\s+){0,3}$", before)
            ref = None
            if ap:
                # "Sunrise Health, a hospital group": the organisation right before
                if occ is None:
                    occ = self.orgs.occurrences()
                end = max(0, gs - 90) + ap.start()
                hit = [o for o in occ if end - 1 <= o[1] <= end]
                ref = (hit[-1][2], hit[-1][3]) if hit else None
            starts.append(gs)
            kinds.append(("named" if ref else "other", ref))
        self._groups_cache = (starts, kinds)
        return self._groups_cache

    def _group_antecedent(self, anchor: int) -> tuple[str, tuple[str, str] | None] | None:
        """The group phrase nearest before ``anchor`` (see ``_group_phrases``)."""
        starts, kinds = self._group_phrases()
        i = bisect_left(starts, anchor)
        return kinds[i - 1] if i else None

    def _hacker_group_before(self, anchor: int) -> bool:
        """The group phrase nearest before ``anchor`` introduces attackers ("a hacking group
        …"), so "the group said" is the attacker (a hacking group named earlier in the text
        does not make a later hospital group an attacker)."""
        ante = self._group_antecedent(anchor)
        return ante is not None and ante[0] == "hacker"

    def _org_prefix(self, word: str) -> tuple[str, str] | None:
        """The first organisation form whose first word is ``word``."""
        memo = self._form_memo("prefix")
        if word not in memo:
            memo[word] = next(((canon, role) for s, canon, role in self.orgs.forms
                               if s.split() and s.split()[0] == word), None)
        return memo[word]

    def _form_memo(self, kind: str) -> dict:
        """A memo of answers that depend only on the organisation forms (dropped with them:
        they change only while the extractor is built)."""
        memo = getattr(self, "_forms_memo", None)
        if memo is None or memo[0] is not self.orgs.forms:
            memo = (self.orgs.forms, {})
            self._forms_memo = memo
        return memo[1].setdefault(kind, {})

    def _normed_forms(self) -> list[tuple[str, str]]:
        """(normalised surface, canonical name) of every organisation form, in order."""
        memo = self._form_memo("normed")
        if "all" not in memo:
            memo["all"] = [(norm(s), canon) for s, canon, _ in self.orgs.forms]
        return memo["all"]

    def _role_of(self, aff: str | None) -> str | None:
        if not aff:
            return None
        hit = self.orgs.lookup(aff)
        if hit:
            return hit[1]
        for s, canon, role in self.orgs.forms:
            if canon == aff:
                return role
        if aff in self._actor_names():
            return "attacker"
        return None

    def _actor_names(self) -> set[str]:
        """Threat actors of the article: ``doc._.threat_actors`` and self-named groups."""
        names = getattr(self, "_actors", None)
        if names is None:
            names = set(getattr(self.doc._, "threat_actors", None) or ()) | {
                m.group(1) for m in SELF_NAMED_GROUP.finditer(self.text)}
            self._actors = names
        return names

    def _places(self) -> list[tuple[int, int]]:
        if getattr(self, "_place_spans", None) is None:
            self._place_spans = [(x.start_char, x.end_char) for x in self.doc.ents
                                 if x.label_ in {"GPE", "NORP"}]
        return self._place_spans

    def _place_overlaps(self, s: int, e: int) -> bool:
        """A GPE/NORP entity overlaps [s, e): ``any(x < e and s < y for x, y in
        self._places())`` by bisection over a ``Cover`` built once per place list (a long
        text has hundreds of places and asks for every capitalised name before a title)."""
        places = self._places()
        cover = getattr(self, "_place_cover", None)
        if cover is None or cover[0] is not places or cover[1] != len(places):
            cover = (places, len(places), Cover(places))
            self._place_cover = cover
        return cover[2].overlaps(s, e)

    def _org_reference(self, anchor: int, head: str,
                       before: int | None = None) -> tuple[str, str] | None:
        """What "the company" / "the city" / "the statement" refers to ("the party" or "the
        hospital" is never a security firm, a vendor or an attacker)."""
        ref = self._org_reference_any(anchor, head, before)
        if ref and ref[1] != "victim" and REGION_OF.match(ref[0]) and head not in {
                "state", "province", "region", "canton", "county", "city", "town"}:
            return None   # "the utility said" is no "state of Hesse" named before
        if ref and head in COMPANY_NOUNS and (ref[1] == "authority" or (
                ref[1] in {"other", None} and AUTHORITY_NAME.search(ref[0]))):
            # "the company said" is no police force, bureau or ministry quoted before (the
            # FBI's statement comes between the victim's statements)
            ref = self.orgs.victim()
        if ref and head in VICTIM_NOUNS - {"council", "city", "county", "district"} and \
                ref[1] in {"other", None, "victim"} and CENTRAL_BANK.search(ref[0]):
            # "the bank's chief executive" is no central bank's (the regulator named before)
            v = self.orgs.victim()
            return v if v and not CENTRAL_BANK.search(v[0]) else None
        if ref and head in VICTIM_NOUNS - {"company", "business", "organisation",
                                            "organization", "operator"} and \
                ref[1] in {"security_firm", "vendor", "attacker"}:
            return None
        return ref

    def _org_reference_any(self, anchor: int, head: str,
                           before: int | None = None) -> tuple[str, str] | None:
        if head not in {"group", "company", "statement", "report"}:
            memo = self._form_memo("head")
            if head not in memo:
                # (the victim's name first, then a name the noun heads: "the university" is
                # the "University of Carrowmore" before the "Irish Federation of University
                # Teachers")
                named = [(surface, canon, role) for surface, canon, role in self.orgs.forms
                         if word_re(head).search(surface)]
                named.sort(key=lambda f: (f[2] != "victim", not _headed_by(f[0], head)))
                # (a stable sort: the longest form first within each group)
                memo[head] = (named[0][1], named[0][2]) if named else None
            if memo[head]:
                return memo[head]
        if head in {"researchers", "lab", "labs"}:
            return self.orgs.last_before(anchor, roles=("security_firm",))
        if head == "gang":   # "the gang" is the attacker, never the victim it names
            return self.orgs.last_before(anchor, roles=("attacker",))
        if head == "group":
            gb = anchor if before is None else min(anchor, before)
            ante = self._group_antecedent(gb)
            if ante is not None and ante[0] == "named" and ante[1]:
                # "Sunrise Health, a hospital group in Ohio …, the group said": that organisation
                return ante[1]
            # "A ransomware group calling itself X claimed … The group added …": the attacker
            # named in this or the previous sentence
            ss, _ = self._sent_of(anchor)
            ps = self._sent_of(ss - 2)[0] if ss > 1 else ss
            hits = [o for o in self.orgs.occurrences()
                    if o[3] == "attacker" and ps <= o[0] and o[1] <= anchor]
            if hits:
                return hits[-1][2], hits[-1][3]
            # … or a threat actor the entity component named there ("The hacking group
            # calling itself NightShelf …")
            actor = self._actor_between(ps, anchor)
            if actor:
                return actor, "attacker"
            if self._hacker_group_before(gb):
                # a hacking group introduced earlier in the text: its name if it has one,
                # never the victim or firm named last
                actor = self._actor_between(0, anchor)
                hits = [o for o in self.orgs.occurrences() if o[3] == "attacker" and
                        o[1] <= anchor]
                if actor:
                    return actor, "attacker"
                return (hits[-1][2], hits[-1][3]) if hits else None
        if head in {"agency", "department", "bureau", "ministry"}:
            # "The agency admits …": a public body named before, not a victim that is none
            # (the IRS, not the tool of it that was breached)
            v = self.orgs.victim()
            auth = self.orgs.last_before(anchor, roles=("authority",))
            if auth and not (v and PUBLIC_BODY.search(v[0])):
                return auth
        if head in {"city", "hospital", "school", "district", "utility", "county", "council",
                    "university", "bank", "retailer", "lender", "insurer", "chain", "party",
                    "campaign", "state", "department", "agency", "board"}:
            v = self.orgs.victim()
            if v:
                return v
        recent = (self._subject_org_before(anchor) if head in COMPANY_NOUNS else None) or \
            self.prev_org(anchor)
        if recent:
            return recent
        if head in {"company", "firm", "business", "group", "lender", "retailer", "giant",
                    "provider", "operator", "organisation", "organization"}:
            v = self.orgs.victim()
            if v:
                return v
        last = self.orgs.last_before(anchor, roles=("victim", "vendor", "security_firm",
                                                    "authority"))
        return last or self.orgs.victim()

    def _subject_org_before(self, anchor: int) -> tuple[str, str] | None:
        """The organisation that opens the sentence before, in the same paragraph, when the
        sentence of ``anchor`` opens with "It": "Corrie Foods employs 380 people … It said it
        had reported the attack" (Corrie Foods, not the bank quoted last); "The health board
        serves 310,000 people. It said …" (the board, not the police quoted before)."""
        ss, _ = self._sent_of(anchor)
        if ss <= 0 or anchor - ss > 40:
            return None
        opening = IT_OR_THE_COMPANY.match(self.text, ss, min(len(self.text), anchor + 3))
        if not opening:
            return None
        ps, pe = self._sent_of(ss - 1)
        if ps >= ss or (opening.group(1) and ("\n" in self.text[pe:ss] or
                                              "\n" in self.text[ps:ss].strip())):
            return None   # ("The company" also opens the paragraph after the one it names)
        start = ps + len(self.text[ps:pe]) - len(self.text[ps:pe].lstrip(" \t\r\n\"“‘'"))
        for o in self.orgs.in_span(start, pe)[:1]:
            if o[0] in (start, start + 4) and (o[0] == start or
                                                self.text[start:o[0]] in {"The ", "the "}) and \
                    not (opening.group(2) and o[3] not in {"victim", "vendor", "security_firm"}) and \
                    re.match(r"(?:,|\s+(?:[a-z]+ly\s+)?(?:is|was|has|had|employs|runs|"
                             r"operates|serves|supplies|sells|makes|provides|owns|manages|"
                             r"[a-z]+s)\b)", self.text[o[1]:o[1] + 30]):
                return o[2], o[3]
        pm = re.match(r"([A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})['’]s\s+[a-z]", self.text[start:pe])
        if pm:
            # "Tessaline's software is used by 400 firms. The company said …"
            canon = self._canon_org(pm.group(1))
            ref = (canon, self._role_of(canon)) if canon else None
            if ref and ref[1] and not (opening.group(2) and
                                       ref[1] not in {"victim", "vendor", "security_firm"}):
                return ref
        m = re.match(r"The\s+(?:[a-z][\w\-]*\s+){0,2}?([a-z]+)\s+(?:is|was|has|had|[a-z]+s)\b",
                     self.text[start:pe])
        if m and m.group(1) in VICTIM_NOUNS | {"board", "trust", "firm", "group", "authority"}:
            return self._org_reference(start + m.start(1), m.group(1))
        return None

    def prev_org(self, anchor: int) -> tuple[str, str] | None:
        """The organisation behind the most recent quote (its speaker or affiliation)."""
        for q in reversed(self.done):
            if q.start >= anchor or not q.resolved:
                continue
            if q.kind == "org" and q.speaker:
                return q.speaker, self._role_of(q.speaker) or "other"
            if q.affiliation and q.role and re.search(r"spokes|representative", q.role, re.I):
                return q.affiliation, self._role_of(q.affiliation) or "other"
        return None

    def _org_type(self, name: str | None) -> str | None:
        """A speaker type that an organisation's name ("… Security", "… Police") or the
        text's description of it ("the security firm X", "X, a threat intelligence
        provider", "researchers at X") gives away."""
        return self._type_from_name(name) or ("expert" if self._security_described(name)
                                              else None)

    def _security_described(self, name: str | None) -> bool:
        """The text calls the organisation a security firm next to one of its mentions."""
        if not name:
            return False
        memo = self._form_memo("security_described")
        if name not in memo:
            text = self.text
            by_canon = self._form_memo("occ_by_canon")
            if not by_canon:   # (the organisation mentions grouped once, not per name)
                for a, b, canon, _ in self.orgs.occurrences():
                    by_canon.setdefault(canon, []).append((a, b))
                by_canon[None] = []
            spans = by_canon.get(name, [])
            if not spans:
                spans = [(a, b) for a, b in literal_spans(name, text)
                         if not (a and text[a - 1].isalnum()) and
                         not (b < len(text) and text[b].isalnum())]
            memo[name] = any(SECURITY_BEFORE.search(text, max(0, a - 70), a) or
                             SECURITY_AFTER.match(text, b) for a, b in spans)
        return memo[name]

    @staticmethod
    def _type_from_name(name: str | None) -> str | None:
        """A speaker type that an organisation's own name gives away."""
        if not name:
            return None
        if AUTHORITY_NAME.search(name):
            return "authority"
        if SECURITY_NAME.search(name) or ACADEMIC_NAME.search(name):
            return "expert"   # security firms, labs and academics
        return None

    def _victim_family(self, name: str | None) -> bool:
        """The organisation is a victim or shares a distinctive name word with one ("city of
        Atlanta" / "Atlanta", "Cloquet School Board" / "Cloquet School District")."""
        if not name:
            return False
        if name in self._parent_orgs():
            return True   # "parent company Sears Holding" speaks for its affected chain
        mine = {t for t in norm(name).split() if t not in GENERIC_NAME_WORDS and len(t) > 2}
        if not mine:
            return False
        memo = self._form_memo("victim_words")
        if "all" not in memo:
            memo["all"] = set().union(*(
                {t for t in norm(canon).split() if t not in GENERIC_NAME_WORDS and len(t) > 2}
                for _, canon, role in self.orgs.forms if role == "victim"))
        return bool(mine & memo["all"])

    def _parent_orgs(self) -> set[str]:
        """Organisations the text calls the parent of the victim: "parent company X",
        "X, the parent of Y", "X, which owns Y" (Y a victim)."""
        cached = getattr(self, "_parents_cache", None)
        if cached is not None:
            return cached
        out: set[str] = set()
        victims = [(s, e) for s, e, _, role in self.orgs.occurrences() if role == "victim"] \
            if PARENT_ANY.search(self.text) else []
        if victims:
            for s, e, canon, role in self.orgs.occurrences():
                if role == "victim":
                    continue
                if PARENT_BEFORE.search(self.text, max(0, s - 40), s):
                    out.add(canon)
                    continue
                m = PARENT_AFTER.match(self.text, e)
                if m and any(m.end() <= vs < m.end() + 40 for vs, _ in victims):
                    out.add(canon)
        self._parents_cache = out
        return out


class Cover:
    """Whether a position lies in any of some half-open spans [a, b), in O(log n) a question
    (the spans may overlap or nest): the spans sorted by start, with the furthest end reached
    so far; ``pos in cover`` is ``any(a <= pos < b for a, b in spans)``."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        far = None
        for _, b in spans:
            far = b if far is None or b > far else far
            self.reach.append(far)

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def overlaps(self, s: int, e: int) -> bool:
        """``any(a < e and s < b for a, b in spans)``: of the spans starting before e, the
        furthest end passes s."""
        i = bisect_left(self.starts, e)
        return i > 0 and self.reach[i - 1] > s
