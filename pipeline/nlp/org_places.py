"""Places, peoples and descriptions for ``incident_orgs``: names that only locate or describe.

``_keep(cluster)`` says whether a cluster is listed as an organisation at all (no countries,
demonyms or descriptions such as "UK university"); ``_description_only``, ``_known_place``
and ``_place_mention`` keep places and descriptions from being victims ("Ontario", "Long
Island companies"; "Oldham council" is a name). The place names come from the entity layer's
place gazetteer (``entity_data.place_names``), read once.
"""
from __future__ import annotations

import re

from pipeline.nlp.org_clusters import Cluster
from pipeline.nlp.org_doc import Candidate
from pipeline.nlp.org_lexicon import DEMONYMS, GEO_NAMES
from pipeline.nlp.org_names import _NATIONAL, org_key


# ----------------------------------------------------------------------------- places and descriptions
_PUBLIC_BODY_NAME = re.compile(r"\b(?:County|City|Council|Borough|Township|Municipality|"
                               r"[Cc]ity of|[Tt]own of|[Ss]tate of|[Cc]ounty of)\b")


_PLACES: list[frozenset[str] | None] = []


def _place_set() -> frozenset[str] | None:
    """The place gazetteer's names (``entity_data.place_names``), read once; None when absent."""
    if not _PLACES:
        try:
            from pipeline.nlp.entity_data import place_names
            _PLACES.append(place_names()[0])
        except Exception:  # noqa: BLE001 - no gazetteer: every GPE is taken for a place
            _PLACES.append(None)
    return _PLACES[0]


# a place locating something else ("Midland in Ontario was hit", "a company based in Linz") or
# qualifying a plural noun ("data leaks at Long Island companies"): not the one attacked
_PLACE_OF_LEFT = re.compile(r"\b(?:in|based in|across|throughout|around)\s+(?:the\s+)?$", re.I)
_PLACE_MODIFIER_RIGHT = re.compile(
    r"^(?:['\u2019]s)?\s+(?:[\w-]+\s+)?(?:companies|businesses|firms|hospitals|schools|banks|"
    r"residents|citizens|taxpayers|voters|consumers|users|customers|patients|households|homes|"
    r"retailers|stores|shops|universities|organi[sz]ations|institutions|employers|"
    r"municipalities|towns|cities|counties)\b", re.I)


def _place_mention(m: Candidate) -> bool:
    """The mention's own words name a place (the place gazetteer or our place words; without
    the gazetteer, a GPE entity)."""
    places = _place_set()
    k = org_key(m.text)
    if places is None:
        return m.label == "GPE" or k in GEO_NAMES
    return m.text.lower() in places or k in places or k in GEO_NAMES


_PUBLIC_BODY_HEADS = frozenset("""council district county borough police constabulary
municipality township parish board""".split())


def _description_only(name: str) -> bool:
    """A description, not a name: places or nationalities before a lower-case head noun ("UK
    university", "U.S. e-commerce", "Florida school district", "German HR companies"); not
    "city of X" and not a name with any other capitalised word ("Florida Keys school
    district")."""
    words = name.replace("\u2019", "'").split()
    if len(words) < 2 or not words[-1].replace("-", "").isalpha() or not words[-1].islower() \
            or " of " in name:
        return False
    places = _place_set() or frozenset()
    caps = [w for w in words if w[:1].isupper()]
    if not caps:
        return False
    if words[-1].lower().rstrip("'s") in _PUBLIC_BODY_HEADS:
        # (review fixes, session 7) a town or city + public-body noun is its name ("Westbury
        # school district", "Leicester city council", "Oldham council"); only a country, a
        # state or a nationality before it describes ("Florida school district")
        places = frozenset()
    for w in caps:
        w = re.sub(r"'s?$", "", w)
        low = w.lower()
        if not (low in places or low.replace(".", "") in GEO_NAMES or low in DEMONYMS or
                low in _NATIONAL or (w.isupper() and len(w) <= 4 and not w.replace(".", "").isalpha())
                or (w.isupper() and low in {"hr", "it", "ict"})):
            return False
    return True


def _known_place(cl: Cluster) -> bool:
    """A form of the cluster is in the place gazetteer (or our place words)."""
    places = _place_set()
    if places is None:
        return True
    return any(f.lower() in places or org_key(f) in places or org_key(f) in GEO_NAMES
               for f in cl.forms)


def _demonym(word: str) -> bool:
    """A nationality word: a known one, or a country or state + -ian/-ean ("argentinian",
    "bulgarian"; not "guardian": the full place gazetteer holds too many common words)."""
    if word in DEMONYMS:
        return True
    if len(word) < 7 or not word.endswith(("ian", "ean")):
        return False
    stems = ({word[:-1], word[:-3], word[:-3] + "a"} if word.endswith("ian")
             else {word[:-3] + "e"})
    return any(st in GEO_NAMES for st in stems)


def _keep(cl: Cluster) -> bool:
    """Places are listed only when they act as an organisation (victim, a named body, or a
    town whose officials speak: "Newark's safety director"); peoples ("South Koreans") never."""
    if _description_only(cl.name):
        return False  # "UK university", "U.S. e-commerce" (a description, not a name)
    words = org_key(cl.name).split()
    if words and words[-1].endswith("s") and _demonym(words[-1][:-1]) and all(
            w in GEO_NAMES or _demonym(w) for w in words[:-1]):
        return False
    if words and all(_demonym(w) for w in words) and any(w not in DEMONYMS for w in words):
        return False  # "Saudi Arabian" (a nationality the NER took for a name)
    if cl.labels <= {"GPE"}:
        ev = cl.evidence
        return cl.role == "victim" or bool(_PUBLIC_BODY_NAME.search(cl.name)) or bool(
            ev.get("acts")) or (  # a name the NER took for a place but no place is, in an
            # organisation's context: "Cathay Pacific both admitting", "printers from Konica"
            (ev.get("raw_hit", 0) >= 2 or any(ev.get(k) for k in (
                "vendor", "security_firm", "media", "lure"))) and not _known_place(cl))
    return True
