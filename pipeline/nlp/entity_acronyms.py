"""``acronym_rules``: acronyms defined in the text ("<long form> (ACR)") take the label of
their definition everywhere in the document (:class:`AcronymRules`)."""
from __future__ import annotations

import re

import numpy as np
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.factory("acronym_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_acronym_rules(nlp: Language, name: str) -> "AcronymRules":
    return AcronymRules()


_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Za-z0-9&]{1,7}$")
# small words a definition may skip ("endpoint detection and response (EDR)")
_ACRONYM_SKIP = frozenset({"and", "of", "the", "for", "to", "in", "on", "a", "&", "-", "/"})


# long forms that name events, not organisations ("Conference on Neural Information
# Processing Systems (NeurIPS)")
_EVENT_FIRST = frozenset({"Conference", "Symposium", "Workshop", "Summit", "Meeting", "Games",
                          "Festival", "Championship", "Championships", "Annual"})


class AcronymRules:
    """Acronyms defined in the text, ``<long form> (<ACRONYM>)``, give every mention of the
    acronym in the document the label of the long form:

    * a long form in lower case whose initials spell the acronym names a thing, not an
      organisation: "multi-factor authentication (MFA)", "natural language generation (NLG)",
      "remote access trojan (RAT)" — model entities with that text are dropped;
    * a long form that is an ORG entity ("Syrian Democratic Forces (SDF)", first letters
      agreeing) makes the acronym an organisation wherever it stands: model PERSON/GPE/LOC
      readings of it become ORG, and mentions the model missed are added.

    Gazetteer and rule entities (they carry an ``ent_id_``) are never changed.
    """

    def __init__(self):
        self.enabled = True

    @staticmethod
    def _lower_definition(doc: Doc, open_i: int, acronym: str) -> bool:
        letters = [c.lower() for c in acronym if c.isalpha()]
        j, i = len(letters) - 1, open_i - 1
        while j >= 0 and i >= 0:
            tok = doc[i]
            if tok.text in ("-", "/", "‐"):
                i -= 1
                continue
            if not tok.is_alpha or not (tok.is_lower or tok.is_title and tok.is_sent_start):
                return False
            if tok.lower_[0] == letters[j]:
                j -= 1
            elif tok.lower_ not in _ACRONYM_SKIP:
                return False
            i -= 1
        return j < 0

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or len(doc) < 4:
            return doc
        orths = doc.to_array(ORTH)
        opens = np.flatnonzero(orths == doc.vocab.strings["("]).tolist() \
            if "(" in doc.vocab.strings else []
        if not opens:
            return doc
        ends = {e.end: e for e in doc.ents}
        things, orgs = set(), set()
        for i in opens:
            if i + 2 >= len(doc) or doc[i + 2].text != ")" or i == 0:
                continue
            acronym = doc[i + 1].text
            if not _ACRONYM.match(acronym):
                continue
            long_ent = ends.get(i)
            if long_ent is not None and long_ent.label_ == "ORG" and \
                    long_ent.text[:1].upper() == acronym[:1].upper() and len(long_ent) > 1 \
                    and not any(t.text in _EVENT_FIRST
                                for t in doc[max(0, long_ent.start - 2):long_ent.start + 1]):
                orgs.add(acronym)
            elif long_ent is None and self._lower_definition(doc, i, acronym):
                things.add(acronym)
        things -= orgs
        if not things and not orgs:
            return doc
        out, changed = [], False
        covered = set()
        for ent in doc.ents:
            if not ent.ent_id_ and ent.text in things and \
                    ent.label_ in ("ORG", "PERSON", "GPE", "LOC"):
                changed = True
                continue
            if not ent.ent_id_ and len(ent) == 1 and ent.text in orgs and \
                    ent.label_ in ("PERSON", "GPE", "LOC"):
                changed = True
                ent = Span(doc, ent.start, ent.end, label="ORG")
            covered.update(range(ent.start, ent.end))
            out.append(ent)
        if orgs:
            for tok in doc:
                if tok.text in orgs and tok.i not in covered:
                    out.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
                    changed = True
        if changed:
            doc.set_ents(sorted(out), default="outside")
        return doc


__all__ = ["AcronymRules", "make_acronym_rules"]
