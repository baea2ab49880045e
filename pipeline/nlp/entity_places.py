"""``place_rules``: GPE vs LOC by the place gazetteer, and the span edges of model
entities (:class:`PlaceRules`)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entity_data import PLACE_EXTRA
from .entity_words import ORG_WORDS, known_word


@Language.factory("place_rules", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_place_rules(nlp: Language, name: str) -> "PlaceRules":
    from .extensions import register_extensions
    register_extensions()   # reads doc._.language
    return PlaceRules()


# lower-case words that link the parts of one name ("Ministry of defence", "Banca di X")
_NAME_LINKS = frozenset({"of", "for", "and", "the", "de", "di", "da", "du", "des", "del", "della",
                         "degli", "dei", "per", "la", "le", "les", "el", "los", "las", "für",
                         "van", "von", "der", "den", "het", "y", "e", "et", "und", "en"})


class PlaceRules:
    """Places and span edges after the statistical NER, by the place gazetteer
    (:func:`place_names`). Gazetteer and rule spans (they carry an ``ent_id_``) are left alone.

    * GPE or LOC: a place the model found (GPE or LOC) is GPE when its name, without a
      leading "the", is a country, subdivision, US county or city of the gazetteer, else LOC
      (rivers, regions, continents, streets, buildings) — the convention our training corpora
      were converted with, which the model only learns approximately.
    * A model ORG that is the name of a country, US state or county or first-level
      subdivision ("Belgium", "West Virginia") is GPE; a model ORG or PERSON that is a
      gazetteer city is GPE only in a place context: after "in"/"near"/"around"/… or before
      ", <place>" ("around Norman", "Lawrence, Kansas") — Toyota, Orange and Nokia are cities
      too, and "Toyota said" stays an organisation.
    * A model ORG/PERSON/GPE of 2+ words ending in a geographic or street/building word
      (:data:`LOC_HEADS`: "South Shropshire Hills", "Dallas Street") is LOC unless the
      gazetteer lists it as GPE.
    * A model GPE/LOC of 2+ words ending in an organisation word (:data:`ORG_WORDS`: "New
      York Stock Exchange", "Milwee Middle School") is ORG; a feature name "<Gulf/Bay/Isle…>
      of X" is LOC.
    * A place before a possessive is not part of the name: one model span "Denver's Regis
      University" becomes GPE "Denver" + ORG "Regis University" (only when the part before
      "'s" is a gazetteer place: "Ray's Pizza" stays one business).
    * A country/state GPE directly before an ORG is part of its name ("United States
      Congress", "US Congress").
    * Edges: separators at either end are dropped ("Fairmont ," -> "Fairmont"; "." and "_"
      stay: "Jr.", "Inc.", "Lexi_Bailey_"; brackets only when unpaired), and so are lower-case words after a capitalised name ("US
      army" -> "US", "Fatah party" -> "Fatah"), unless one of them is an institution noun
      ("Bhoiwada police station" stays whole).

    ``flags`` switches single rules off (for measurement with ``training/error_analysis.py``
    style ablations).
    """

    def __init__(self):
        self.places: frozenset[str] = frozenset()
        self.major: frozenset[str] = frozenset()
        self.flags = {"org_place": True, "person_place": True, "trim_lower": True,
                      "trim_punct": True, "loc_heads": True, "org_words": True,
                      "possessive": True, "merge_gpe_org": True, "polity": True,
                      "rule_place": True, "person_loc": True}
        # last words that end a place's name but no person's ("Ethel Barrymore Theatre"),
        # set by add_rules from LOC_HEADS minus the person-name lists
        self.person_loc_heads: frozenset[str] = frozenset()
        self.person_first: frozenset[str] = frozenset()  # "George Canyon" is a singer

    def add_data(self, places, major=()) -> None:
        self.places = self.places | frozenset(places)
        self.major = self.major | frozenset(major)

    @staticmethod
    def _key(span) -> str:
        text = span.text
        if text[:4].lower() == "the ":
            text = text[4:]
        return text.lower()

    def _trim(self, doc: Doc, ent: Span) -> Span:
        start, end = ent.start, ent.end
        if self.flags["trim_punct"]:
            while end - start > 1 and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].text
                                       == ")" and "(" not in doc[start:end - 1].text):
                end -= 1
            while end - start > 1 and (doc[start].text in _EDGE_PUNCT or doc[start].text
                                       == "(" and ")" not in doc[start + 1:end].text):
                start += 1
        if self.flags["trim_lower"] and (doc[start].is_title or doc[start].is_upper) and \
                (doc._.language or "en") == "en" and \
                not any(t.lower_ in _NAME_LINKS for t in doc[start + 1:end]):
            # (not "Ministry of defence", nor names in languages that keep later words lower
            # case: "Garante per la protezione dei dati personali")
            # names are capitalised: "US army" -> "US", "Fatah party" -> "Fatah"; but an
            # institution noun stays ("Bhoiwada police station" is the organisation)
            cut = end
            while cut - start > 1 and doc[cut - 1].is_lower and doc[cut - 1].is_alpha \
                    and doc[cut - 2].whitespace_:  # not a glued part: "Kim Dae-jung"
                cut -= 1
            if cut < end and not any(t.lower_ in _INSTITUTION_NOUNS for t in doc[cut:end]):
                end = cut
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_)

    def _label(self, doc: Doc, new: Span) -> str:
        label = new.label_
        key = self._key(new)
        if label in ("GPE", "LOC"):
            if key in self.places:
                return "GPE"
            if self.flags["org_words"] and len(new) > 1 and (
                    new[-1].text in ORG_WORDS or _product_plural(doc, new, self.person_first)):
                return "ORG"  # "New York Stock Exchange", "Miami Valley Fasteners"
            label = "LOC"
        elif label == "ORG" and self.flags["org_place"] and (
                new.text in self.major or key in self.places and self._locative(doc, new)
                ) and not (new.text.isupper() and new.text not in PLACE_EXTRA):
            label = "GPE"
        elif label == "PERSON" and self.flags["person_place"] and key in self.places \
                and self._locative(doc, new):
            label = "GPE"   # "around Norman"
        elif label == "PERSON" and self.flags["person_place"] and 2 <= len(new) <= 3 \
                and new[0].text in PLACE_FIRST and new[0].text not in self.person_first:
            # "Port Aldridge's council", "Lake Merritt": no person
            return "GPE" if key in self.places or new[0].text in ("Port", "Fort") else "LOC"
        elif label == "PERSON" and self.flags["person_loc"] and len(new) > 1 \
                and new[-1].text in self.person_loc_heads \
                and not (len(new) == 2 and new[0].text in self.person_first):
            return "GPE" if key in self.places else "LOC"   # "Ethel Barrymore Theatre"
        if label == "ORG" and self.flags["polity"] and _polity(new):
            return "GPE"   # "Kingdom of Castile", "Ottoman Empire", "French Fifth Republic"
        # (never a PERSON: Hall, Park, Street and Keys are surnames too)
        if label in ("ORG", "GPE") and self.flags["loc_heads"] and len(new) > 1 \
                and key not in self.places and (new[-1].text in LOC_HEADS or (
                    new[0].text in LOC_OF_HEADS and new[1].lower_ == "of")):
            label = "LOC"
        return label

    def _split_possessives(self, doc: Doc, ents) -> list[Span]:
        """"Denver's Regis University" as one model span: the place, then the name after the
        possessive (the part before "'s" must be a gazetteer place)."""
        out = []
        for ent in ents:
            cut = None
            if not ent.ent_id_ and self.flags["possessive"] and len(ent) >= 3:
                cut = next((i for i in range(ent.start + 1, ent.end - 1)
                            if doc[i].lower_ in ("'s", "’s")), None)
            if cut is None or doc[ent.start:cut].text.lower() not in self.places \
                    or not doc[cut + 1].is_title:
                out.append(ent)
                continue
            out.append(Span(doc, ent.start, cut, label="GPE"))
            out.append(Span(doc, cut + 1, ent.end, label=ent.label_))
        return out

    def _merge(self, doc: Doc, ents: list[Span]) -> bool:
        """A country or state directly before an organisation is part of its name ("United
        States Congress", "U.S. Congress")."""
        changed = False
        i = 0
        while i + 1 < len(ents):
            a, b = ents[i], ents[i + 1]
            if a.label_ == "GPE" and b.label_ == "ORG" and not a.ent_id_ \
                    and a.end == b.start and a.text in self.major:
                ents[i:i + 2] = [Span(doc, a.start, b.end, label="ORG", span_id=b.ent_id_)]
                changed = True
            i += 1
        return changed

    def _locative(self, doc: Doc, ent: Span) -> bool:
        if ent.start and doc[ent.start - 1].lower_ in _PLACE_PREPS:
            return True
        nxt = ent.end
        return nxt + 1 < len(doc) and doc[nxt].text == "," and (
            doc[nxt + 1].text.lower() in self.places)

    def __call__(self, doc: Doc) -> Doc:
        if not self.places:
            return doc
        ents = self._split_possessives(doc, doc.ents)
        out, changed = [], len(ents) != len(doc.ents)
        for ent in ents:
            if ent.ent_id_:
                if self.flags["rule_place"] and ent.label_ == "ORG" and \
                        ent.ent_id_.startswith("rule:") and ent.text in self.major:
                    # an organisation shape that names a country ("Soviet Union")
                    changed = True
                    ent = Span(doc, ent.start, ent.end, label="GPE")
                out.append(ent)
                continue
            new = self._trim(doc, ent)
            label = self._label(doc, new)
            if label != ent.label_ or new is not ent:
                changed = True
                ent = Span(doc, new.start, new.end, label=label, kb_id=ent.kb_id,
                           span_id=ent.id)
            out.append(ent)
        if self.flags["merge_gpe_org"]:
            changed |= self._merge(doc, out)
        if changed:
            doc.set_ents(out, default="outside")
        return doc


# states that no longer exist or are named by their form of government (GPE in our corpora,
# the model often reads them as organisations): "<head> of X" and "X <last>"
_POLITY_OF = frozenset({"Kingdom", "Duchy", "Colony", "Empire", "Sultanate", "Emirate",
                        "Principality", "Caliphate", "Khanate", "Republic", "Dominion",
                        "Electorate", "Margraviate", "Tsardom", "Grand Duchy"})
_POLITY_LAST = frozenset({"Empire", "Kingdom", "Republic", "Sultanate", "Caliphate", "Khanate",
                          "Emirate", "Commonwealth", "Confederacy", "Reich", "Raj"})
# "The New Republic", "Banana Republic": a magazine and a retailer
_POLITY_NOT_FIRST = frozenset({"New", "Banana", "The"})


def _polity(span: Span) -> bool:
    toks = [t.text for t in span]
    if "of" in toks[1:3]:
        k = toks.index("of")
        head = " ".join(toks[:k])
        return head in _POLITY_OF or (k == 2 and toks[1] in _POLITY_OF
                                      and toks[0] in ("Crown", "Grand", "Free"))
    return len(toks) >= 2 and toks[-1] in _POLITY_LAST and toks[0] not in _POLITY_NOT_FIRST \
        and all(t[:1].isupper() for t in toks)


_INSTITUTION_NOUNS = frozenset({
    "police", "station", "council", "government", "ministry", "department", "agency",
    "authority", "court", "hospital", "university", "college", "school", "bank", "office",
    "service", "services", "county", "city", "district", "municipality", "commission"})
# separators that never end or start a name ("_" and "." do: "Lexi_Bailey_", "Jr.")
_EDGE_PUNCT = frozenset({",", ";", ":", "!", "?", '"', "“", "”", "‘", "’", "'", "-", "–", "—",
                         "*", "/", "|", "[", "]", "«", "»"})
_PLACE_PREPS = frozenset({"in", "near", "around", "outside", "across", "throughout", "within"})
# last words of names of geographic features and streets/buildings (LOC in our corpora); not
# words that also end organisation names in the news (Airport, Hospital, Hotel, Museum, Hall)
LOC_HEADS = frozenset({
    "Street", "Road", "Avenue", "Boulevard", "Highway", "Motorway", "Bridge", "Square",
    "Park", "Lake", "River", "Mountains", "Mountain", "Island", "Islands", "Bay",
    "Hills", "Valley", "Sea", "Ocean", "Gulf", "Strait", "Peninsula", "Desert", "Canal",
    "Building", "Memorial", "Stadium", "Arena", "Palace", "Castle", "Mosque", "Theatre",
    "Plaza", "Gardens", "Reservoir", "Coast", "Falls", "Canyon", "Glacier", "Volcano",
    "Basin", "Harbour", "Harbor", "Beach", "Hall", "Auditorium", "Ballroom", "Tunnel", "Tube",
    "Keys"})
# plural last words of place names (a plural common noun ends a company's name otherwise:
# "Miami Valley Fasteners", "Kestrel Bay Tiles")
_PLACE_PLURALS = frozenset({
    "Falls", "Heights", "Springs", "Hills", "Islands", "Isles", "Lakes", "Woods", "Gardens",
    "Plains", "Pines", "Rapids", "Keys", "Meadows", "Mountains", "Highlands", "Lowlands",
    "Midlands", "Territories", "Provinces", "States", "Emirates", "Alps", "Banks", "Downs",
    "Dales", "Fields", "Flats", "Forks", "Glades", "Groves", "Harbors", "Harbours", "Narrows",
    "Oaks", "Palms", "Sands", "Shores", "Waters", "Wells", "Cliffs", "Bluffs", "Beaches",
    "Ridges", "Rocks", "Towers", "Villages", "Lands", "Marshes", "Moors", "Commons", "Acres",
    "Parks", "Estates", "Terraces", "Gates", "Crossings", "Prairies", "Valleys", "Canyons",
    "Caves", "Dunes", "Everglades", "Glens", "Reefs", "Straits", "Channels", "Ranges", "Peaks",
    "Forests", "Basins", "Docks", "Mills", "Barracks", "Quarters", "Grounds", "Greens",
    "Brooks", "Creeks", "Rivers", "Ponds", "Bayous", "Lochs", "Isles", "Cays", "Ages",
    "Games", "Olympics", "Americas", "Indies", "Caribbean", "Balkans", "Baltics", "Tropics"})


def _product_plural(doc: Doc, span: Span, first_names: frozenset[str]) -> bool:
    """The last word of ``span`` is a capitalised plural of an English common noun that no
    place name ends with ("Fasteners", "Tiles"): the plural and its singular are words of
    the model's vocabulary (:func:`~pipeline.nlp.entity_words.known_word`), the singular is
    no given name ("Williams"), the plural no place plural (:data:`_PLACE_PLURALS`)."""
    last = span[-1]
    text, lower = last.text, last.lower_
    if any(t.is_lower for t in span):
        return False   # "Plaza de las Victorias", "Papworth and Addenbrooke's Hospitals"
    if len(text) <= 3 or not text.endswith("s") or text.endswith("ss") or not last.is_title \
            or text in _PLACE_PLURALS or not known_word(doc, lower):
        return False
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    return singular.capitalize() not in first_names and known_word(doc, singular)


# first words of settlement names that no personal name takes ("Port Talbot", "Fort Erie",
# "Mount Pearl"): a model PERSON opening with one is a place
PLACE_FIRST = frozenset({"Port", "Fort", "Mount", "Mt.", "Lake", "Cape", "Point", "Bay"})
# first words of "<feature> of <name>" place names ("Gulf of Mexico", "Isle of Man")
LOC_OF_HEADS = frozenset({"Gulf", "Bay", "Sea", "Strait", "Straits", "Lake", "Isle", "Island",
                          "Islands", "Cape", "Mount", "Peninsula", "Valley"})



__all__ = ["LOC_HEADS", "LOC_OF_HEADS", "PLACE_FIRST", "PlaceRules", "make_place_rules"]
