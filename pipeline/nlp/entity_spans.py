"""Span fixes of ``entity_labels`` that make an organisation's name whole or take a non-name
out, and the sentence fix after the rule-based sentencizer (:func:`abbreviation_sents`).

Each fix is a pure function of the Doc and the entity list (changed in place; returns whether
anything changed):

* :func:`no_letters`: a number is no name ("640,000" read as a place);
* :func:`name_tail`: an organisation head word right after an ORG belongs to it ("Grand Erie
  District School" + "Board");
* :func:`listed_heads`: "Department for Science, Innovation and Technology" is one name, not
  "Department for Science" and a list;
* :func:`web_names`: a capitalised domain name ("Targowisko.pl", "Booking.com") is an
  organisation;
* :func:`numbered_names`: "NoName057(16" + ")" is one name;
* :func:`descriptor_first`: a sentence-opening company noun is no part of the name after it
  ("Telco Kestrel Mobile has admitted …" -> "Kestrel Mobile");
* :func:`foreign_heads`: a place or person whose first word is a non-English organisation head
  ("Hôpital Saint-Jacques", "Klinikum Nordhafen") is an organisation, also in English copy;
* :func:`foreign_names`: an organisation head of another language or a sports-club
  abbreviation followed by a name is one organisation ("Centre Hospitalier de
  Roubaix-Tourcoing", "Agencia Española de Protección de Datos", "CD Oviedo-Norte");
* :func:`trade_names`: a name before a profession plural ("Moreau Tilley Architects") or after
  a plural trade word of another language ("Pharmacies Beaulieu") is an organisation;
* :func:`common_nouns`: initials, field nouns, sentence-opening plural people nouns and a
  minister's portfolio are no names ("posted on X.", "Supporters' group", "Minister for
  Energy");
* :func:`hyphen_places`: a hyphenated French place name keeps its particles ("Saint-Aubin" +
  "-des-Prés");
* :func:`hyphen_compounds`: "Ceredigion-on-Teifi", "Saint-Josse-ten-Noode" without an entity
  are places;
* :func:`place_lists`: a one-word person among places in a list is a place ("Evere and
  Koekelberg");
* :func:`home_places`: "a retired bank officer from Andheri" names a place.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .entity_words import CAMEL, COMPANY_NOUNS, COMPANY_VERBS, NAME_WORD, ORG_WORDS, \
    SpanIndex, common_word

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


def _rule_or_model(ent: Span) -> bool:
    """Not a gazetteer name (those carry an ``ent_id_`` that does not start with "rule:")."""
    return not ent.ent_id_ or ent.ent_id_.startswith("rule:")


def no_letters(doc: Doc, ents: list[Span]) -> bool:
    """"up to 640,000 customers": a name span without a letter is a number, no name."""
    keep = [e for e in ents if e.label_ not in _NAME_LABELS or any(c.isalpha() for c in e.text)]
    if len(keep) == len(ents):
        return False
    ents[:] = keep
    return True


# organisation head words that end a name the model cut one word short ("… School" + "Board",
# "… Health" + "Authority", "… Hospitals NHS" + "Trust"): capitalised, in no entity, and the
# last capitalised word of the run
_TAIL_HEADS = frozenset({"Board", "Authority", "Trust", "Council", "Commission", "Committee",
                         "Agency", "Association", "Federation", "Foundation", "Society",
                         "Institute", "Corporation", "Cooperative", "Co-operative",
                         "Partnership", "Consortium", "District"})


def name_tail(doc: Doc, ents: list[Span]) -> bool:
    """"Grand Erie District School" + "Board": a head word right after an ORG ends its name;
    so does "and" + one or two capitalised words + a head word ("Onslow Water" + "and Sewer
    Authority") when nothing capitalised follows and the ORG has no head word of its own
    (not "the Royal Society and Royal Astronomical Society")."""
    changed = False
    taken = {i for e in ents for i in range(e.start, e.end)}
    for k, ent in enumerate(ents):
        i = ent.end
        if ent.label_ == "ORG" and _rule_or_model(ent) and i + 2 < len(doc) \
                and doc[i].lower_ == "and" and ent[-1].text not in _TAIL_HEADS \
                and ent[-1].text not in ORG_WORDS:
            # the words after "and": free, or exactly one rule/model ORG ("Sewer Authority")
            nxt = next((e for e in ents if e.start == i + 1), None)
            for j in (i + 2, i + 3):
                if j < len(doc) and doc[j].text in _TAIL_HEADS \
                        and all(doc[q].is_title and doc[q].is_alpha for q in range(i + 1, j + 1)) \
                        and (not taken.intersection(range(i + 1, j + 1))
                             or nxt is not None and nxt.end == j + 1 and nxt.label_ == "ORG"
                             and _rule_or_model(nxt)) \
                        and not (j + 1 < len(doc) and doc[j + 1].is_alpha
                                 and (doc[j + 1].is_title or doc[j + 1].is_upper)):
                    i = j
                    break
            if i != ent.end:
                if nxt is not None and nxt.end == i + 1:
                    ents.remove(nxt)
                    k = ents.index(ent)
                ents[k] = Span(doc, ent.start, i + 1, label="ORG", kb_id=ent.kb_id,
                               span_id=ent.id)
                taken.update(range(ent.end, i + 1))
                changed = True
                continue
        if ent.label_ != "ORG" or not _rule_or_model(ent) or i >= len(doc) or i in taken \
                or doc[i].text not in _TAIL_HEADS or not doc[i - 1].whitespace_ \
                or i + 1 < len(doc) and doc[i + 1].is_alpha and (
                    doc[i + 1].is_title or doc[i + 1].is_upper):
            continue
        ents[k] = Span(doc, ent.start, i + 1, label="ORG", kb_id=ent.kb_id, span_id=ent.id)
        taken.add(i)
        changed = True
    return changed


_LIST_HEADS = frozenset({"Department", "Ministry", "Office", "Secretary", "Committee",
                         "Commission", "Agency", "Minister"})


def _common_run(doc: Doc, i: int, taken: set[int]) -> int:
    """The end of a run of 1–3 capitalised words in no entity from ``i`` ("Innovation",
    "Rural Affairs"; a name the model found is not: "Google"), or ``i``."""
    j = i
    while j < len(doc) and j - i < 3 and j not in taken and doc[j].is_title \
            and doc[j].is_alpha and not CAMEL.match(doc[j].text):
        j += 1
    return j


def listed_heads(doc: Doc, ents: list[Span]) -> bool:
    """"the Department for Science, Innovation and Technology", "Department for Environment,
    Food and Rural Affairs": an ORG "<Department/Ministry …> for/of X" followed by ", Y and
    Z", where Y and Z are capitalised words in no entity (not a list of names the model
    found: "the Ministry of Defence, Google and Apple"), is one name."""
    changed = False
    taken = {i for e in ents for i in range(e.start, e.end)}
    for k, ent in enumerate(ents):
        if ent.label_ != "ORG" or not _rule_or_model(ent) or len(ent) < 3 \
                or not any(t.text in _LIST_HEADS for t in ent) \
                or not any(t.lower_ in ("for", "of") for t in ent):
            continue
        i = ent.end
        while i + 1 < len(doc) and doc[i].text == ",":
            j = _common_run(doc, i + 1, taken)
            if j == i + 1:
                break
            i = j
        if i == ent.end or i >= len(doc) or doc[i].lower_ not in ("and", "&"):
            continue
        end = _common_run(doc, i + 1, taken)
        if end == i + 1 or end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            continue
        ents[k] = Span(doc, ent.start, end, label="ORG", kb_id=ent.kb_id, span_id=ent.id)
        taken.update(range(ent.end, end))
        changed = True
    return changed


_WEB_NAME = re.compile(r"^[A-Z][\w\-]*[a-z0-9][\w\-]*\.(?:com|net|org|io|co\.uk|uk|pl|de|fr|"
                       r"it|es|nl|be|ch|at|se|no|dk|fi|cz|ru|in|au|ca|nz|ie|jp|br|co|ai|app)$")


# what names a business before its domain name, and what it does after it
_WEB_NOUNS = (COMPANY_NOUNS & {"marketplace", "retailer", "company", "firm", "platform",
                               "startup", "exchange", "insurer", "bank", "chain"}) \
    | {"operator", "provider", "store", "shop", "portal", "lender", "broker", "giant"}
_WEB_VERBS = (COMPANY_VERBS & {"said", "says", "confirmed", "confirms", "told", "announced",
                               "informed", "notified", "warned", "admitted", "disclosed"}) \
    | {"has", "have", "had"}


def web_names(doc: Doc, ents: list[Span]) -> bool:
    """"Polish online marketplace Targowisko.pl has …", "Booking.com said": a capitalised
    domain name after a company noun or before what a company does or says is the company
    that runs it (an ORG), also when the model read it as a person or place; a site named
    in passing ("sites such as Pornhub.com") is left alone, and so are gazetteer names."""
    changed = False
    by_tok = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    for tok in doc:
        if not _WEB_NAME.match(tok.text) or not (
                tok.i and doc[tok.i - 1].lower_ in _WEB_NOUNS
                or tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _WEB_VERBS):
            continue
        k = by_tok.get(tok.i)
        if k is None:
            ents.append(Span(doc, tok.i, tok.i + 1, label="ORG"))
            changed = True
        elif len(ents[k]) == 1 and ents[k].label_ in ("PERSON", "GPE", "LOC") \
                and not ents[k].ent_id_:
            ents[k] = Span(doc, tok.i, tok.i + 1, label="ORG")
            changed = True
    return changed


_OPEN_NUMBER = re.compile(r"^[A-Za-z][\w\-]*\d*\(\d+$")


def numbered_names(doc: Doc, ents: list[Span]) -> bool:
    """"NoName057(16)": spaCy splits the closing bracket off a name with a number in brackets
    glued to it; the name is the whole, an ORG unless an entity already covers it."""
    changed = False
    by_tok = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    for tok in doc:
        i = tok.i
        if not _OPEN_NUMBER.match(tok.text) or i + 1 >= len(doc) or doc[i + 1].text != ")" \
                or tok.whitespace_ or not any(c.isupper() for c in tok.text):
            continue
        k = by_tok.get(i)
        if k is None:
            if i + 1 not in by_tok:
                ents.append(Span(doc, i, i + 2, label="ORG"))
                changed = True
        elif ents[k].end == i + 1 and i + 1 not in by_tok:
            ent = ents[k]
            ents[k] = Span(doc, ent.start, i + 2, label=ent.label_, kb_id=ent.kb_id,
                           span_id=ent.id)
            changed = True
    return changed


# company nouns that open a sentence before the name they describe ("Telco Kestrel Mobile
# has …", "Retailer Pemberton's said …"); not ones that start real names ("Bank Leumi",
# "Network Rail", "Exchange Bank", "Utility Warehouse", "Carrier Global", "Airline Pilots
# Association")
_DESCRIPTORS = (COMPANY_NOUNS & {"telco", "retailer", "insurer", "startup", "start-up",
                                 "chipmaker", "carmaker", "automaker", "manufacturer",
                                 "conglomerate", "consultancy", "wholesaler"}) \
    | {"broadcaster", "lender", "outsourcer"}


def descriptor_first(doc: Doc, ents: list[Span]) -> bool:
    """"Telco Kestrel Mobile has admitted …": a model ORG opening a sentence with a company
    noun that the text writes in lower case ("telco", "retailer") is the name after it."""
    changed = False
    for k, ent in enumerate(ents):
        first = ent[0]
        if ent.label_ != "ORG" or ent.ent_id_ or len(ent) < 2 or not first.is_sent_start \
                or first.lower_ not in _DESCRIPTORS or not first.is_title \
                or not (NAME_WORD.match(ent[1].text) or CAMEL.match(ent[1].text)
                        or ent[1].is_upper):
            continue
        ents[k] = Span(doc, ent.start + 1, ent.end, label="ORG")
        changed = True
    return changed


def foreign_heads(doc: Doc, ents: list[Span], heads: frozenset[str]) -> bool:
    """"The Hôpital Saint-Jacques in Paris" read as a place: a PERSON/GPE/LOC whose first
    word is an organisation head of another language that is no English word ("Hôpital",
    "Mairie", "Klinikum", "Ospedale"; from the ``org_cues_<lang>.json`` files) is an ORG, in
    any article."""
    if not heads:
        return False
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ in ("PERSON", "GPE", "LOC") and not ent.ent_id_ and len(ent) >= 2 \
                and ent[0].text in heads and ent[0].text not in ENGLISH_HEADS:
            ents[k] = Span(doc, ent.start, ent.end, label="ORG", kb_id=ent.kb_id,
                           span_id=ent.id)
            changed = True
    return changed


# lower-case words inside organisation names of other languages ("Centre Hospitalier de
# Roubaix", "Agencia Española de Protección de Datos", "Cassa di Risparmio della Spezia")
_FOREIGN_CONNECTORS = frozenset({"de", "du", "des", "la", "le", "les", "del", "della", "delle",
                                 "dei", "degli", "di", "da", "do", "dos", "das", "y", "e", "et",
                                 "und", "für", "der", "von", "van", "voor", "het", "en"})
_ELIDED_NAME = re.compile(r"^[dlDL]['’][A-ZÀ-Ý][\w'’-]*$")   # "d'Arles", "l'Isère"
# abbreviations that open the names of sports clubs ("CD Oviedo-Norte", "FC Porto",
# "VfB Stuttgart"); not ones that are frequent English abbreviations too (AC, AS, SC, IF)
# nor ones that are other frequent abbreviations ("ASD Director-General X" for the
# Australian Signals Directorate, "USD Coin", "an SD Card", "NK" for North Korea): a club
# abbreviation opens a name only before a name word that is no frequent English word
# ("CD Oviedo-Norte", not "CD Player")
_CLUB_PREFIXES = frozenset({"FC", "CF", "CD", "UD", "RCD", "AFC", "SSC", "ACF", "PFC", "SV",
                            "TSV", "VfB", "VfL", "HNK", "GNK", "KRC", "RSC", "SpVgg", "TuS",
                            "FCO"})
# role and title words that end the name after a head: "ASD Director-General Rachel Noble",
# "Klinikum Nord Chief Executive X" (the person after the role is no part of the name)
_ROLE_WORDS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Professor", "President", "Minister", "Secretary",
    "Chairman", "Commissioner", "Director", "Directors", "Chief", "Head", "Deputy", "Acting",
    "Executive", "Manager", "Officer", "Chair", "Chairwoman", "Chairperson", "Spokesperson",
    "Spokesman", "Spokeswoman", "Spokesmen", "Founder", "Co-founder", "CTO", "CFO", "CISO",
    "COO", "CIO", "Vice", "Senior", "Sr", "Sr."})


def _make_org(doc: Doc, index: SpanIndex, start: int, end: int) -> bool:
    """Make ``doc[start:end]`` one ``ORG`` in ``index`` in place of the entities inside it,
    unless an entity crosses its edges or is neither a rule's nor the model's, or it is that
    ``ORG`` already; whether it changed anything."""
    inside = index.overlapping(start, end)
    if any(e.start < start or e.end > end or not _rule_or_model(e) for e in inside) \
            or len(inside) == 1 and (inside[0].start, inside[0].end, inside[0].label_) \
            == (start, end, "ORG"):
        return False
    for e in inside:
        index.remove(e)
    index.add(Span(doc, start, end, label="ORG"))
    return True


def _foreign_run(doc: Doc, i: int) -> int:
    """The end of the name after an organisation head ending before token ``i``: capitalised
    words (name words, acronyms, "d'Arles"), hyphenated parts written without spaces
    ("Roubaix-Tourcoing") and lower-case connectors between capitalised words ("de",
    "del", "für"); ``i`` when no capitalised word follows."""
    end, j, n = i, i, len(doc)
    while j < n and j - i < 10:
        tok = doc[j]
        if tok.text in _ROLE_WORDS:
            break
        if NAME_WORD.match(tok.text) or _ELIDED_NAME.match(tok.text) \
                or tok.is_upper and tok.is_alpha and len(tok) >= 2 \
                or tok.is_title and tok.is_alpha:
            j += 1
            end = j
        elif tok.text in ("-", "‐") and j > i and not doc[j - 1].whitespace_ \
                and not tok.whitespace_ and j + 1 < n and doc[j + 1].is_title:
            j += 1
        elif tok.text in _FOREIGN_CONNECTORS and j + 1 < n \
                and (doc[j + 1].is_title or doc[j + 1].text in _FOREIGN_CONNECTORS
                     or _ELIDED_NAME.match(doc[j + 1].text)):
            j += 1
        else:
            break
    return end


def foreign_names(doc: Doc, ents: list[Span], heads: frozenset[str],
                  phrases: dict[str, tuple[tuple[str, ...], ...]]) -> bool:
    """"Centre Hospitalier de Roubaix-Tourcoing" (the model took "Hospitalier de" for a
    person), "Agencia Española de Protección de Datos" (the model took "Agencia"), "CD
    Oviedo-Norte": an organisation head of another language (``heads``: one-word heads
    that are no English word; ``phrases``: heads of several words by their first word, the
    others compared in lower case) or a sports-club abbreviation, followed by a name
    (:func:`_foreign_run`), is one ORG over the head and the name. Model and rule entities
    inside it are replaced; one reaching out of it, or a gazetteer name in it, leaves it
    alone."""
    changed = False
    n = len(doc)
    index = SpanIndex(ents)
    for tok in doc:
        text = tok.text
        if text in _CLUB_PREFIXES or text in heads and text not in ENGLISH_HEADS:
            end_head = tok.i + 1
        elif text in phrases:
            end_head = next((tok.i + len(words) for words in phrases[text]
                             if tuple(t.lower_ for t in doc[tok.i + 1:tok.i + len(words)])
                             == words[1:]), 0)
            if not end_head:
                continue
        else:
            continue
        if end_head >= n or not tok.whitespace_ and end_head == tok.i + 1:
            continue
        if text in _CLUB_PREFIXES and (not NAME_WORD.match(doc[end_head].text)
                                       or common_word(doc, doc[end_head].lower_)):
            continue
        end = _foreign_run(doc, end_head)
        if end == end_head:
            continue
        start = tok.i
        changed |= _make_org(doc, index, start, end)
    index.apply()
    return changed


# plurals of professions that end the name of a partnership ("Moreau Tilley Architects",
# "Penhallow Marsh Solicitors"), and plural trade words that open company names in other
# languages ("Pharmacies Beaulieu", "Laboratoires Vautrin", "Transportes Quiroga")
PROFESSION_PLURALS = frozenset({
    "Architects", "Solicitors", "Accountants", "Engineers", "Surveyors", "Lawyers", "Attorneys",
    "Advocates", "Barristers", "Notaries", "Dentists", "Opticians", "Optometrists", "Vets",
    "Veterinarians", "Consultants", "Associates", "Builders", "Designers", "Planners",
    "Printers", "Auctioneers", "Contractors", "Caterers", "Florists", "Jewellers", "Jewelers",
    "Actuaries", "Pharmacists", "Physiotherapists"})
TRADE_FIRST = frozenset({
    "Pharmacies", "Boulangeries", "Laboratoires", "Laboratorios", "Laboratori", "Transports",
    "Transportes", "Trasporti", "Établissements", "Etablissements", "Supermercados",
    "Supermarchés", "Farmacias", "Farmacie", "Construcciones", "Costruzioni", "Talleres",
    "Ateliers", "Éditions", "Ediciones", "Edizioni", "Industrias", "Vignobles", "Bodegas",
    "Cantine", "Autocars", "Magasins", "Apotheken", "Bäckereien", "Pompes", "Chocolaterie",
    "Brasseries", "Fromageries", "Librairies", "Optiques", "Assurances", "Seguros"})


def _name_run(doc: Doc, i: int, step: int, taken, limit: int = 3) -> int:
    """From token ``i`` in direction ``step`` (1 or -1), the index past the last of up to
    ``limit`` name words (camel case too) on no token for which ``taken`` is true."""
    j, k = i, 0
    while 0 <= j < len(doc) and k < limit and not taken(j) \
            and (NAME_WORD.match(doc[j].text) or CAMEL.match(doc[j].text)) \
            and doc[j].text not in PROFESSION_PLURALS and doc[j].text not in TRADE_FIRST:
        j += step
        k += 1
    return j


_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
                          "by", "with", "from", "as", "is", "are", "vs"})


def _title_case_line(doc: Doc, tok) -> bool:
    """The line of ``tok`` (its sentence, cut at line breaks) writes every word but small
    ones capitalised: a headline or subheading ("Why Ransomware Gangs Target Contractors"),
    where capitals tell nothing of names."""
    start = end = tok.i
    sent = tok.sent if doc.has_annotation("SENT_START") else doc[:]
    while start > sent.start and "\n" not in doc[start - 1].text:
        start -= 1
    while end + 1 < sent.end and "\n" not in doc[end + 1].text:
        end += 1
    words = [t for t in doc[start:end + 1] if t.is_alpha]
    return len(words) >= 3 and all(t.text[:1].isupper() or t.lower_ in _SMALL_WORDS
                                   for t in words)


def trade_names(doc: Doc, ents: list[Span]) -> bool:
    """Names of partnerships and shops the model reads as people or places: one to three
    name words before a profession plural ("Moreau Tilley Architects", "Ashdown Fairley" +
    "Accountants") or after a plural trade word of another language ("Pharmacies Beaulieu",
    "Laboratoires Vautrin") are one ORG — not when every name word is a frequent English
    word ("Chartered Accountants", "Royal Engineers"), nor in a Title-Case line when any
    name word is one ("Why Ransomware Gangs Target Contractors"). Model entities inside are
    replaced; gazetteer names and entities reaching out of the name are left alone."""
    changed = False
    n = len(doc)
    index = SpanIndex(ents)
    people_places = ("PERSON", "LOC", "GPE")
    for tok in doc:
        if tok.text in PROFESSION_PLURALS and tok.i:
            # tokens of an entity ending before the plural that is no person or place
            def taken(j, at=tok.i):
                return any(e.end <= at and e.label_ not in people_places for e in index.at(j))
            start, end = _name_run(doc, tok.i - 1, -1, taken) + 1, tok.i + 1
        elif tok.text in TRADE_FIRST and tok.i + 1 < n and tok.whitespace_:
            def taken(j, at=tok.i):
                return any(e.start > at and e.label_ not in people_places for e in index.at(j))
            start, end = tok.i, _name_run(doc, tok.i + 1, 1, taken)
            if end < n and doc[end].is_title and doc[end].is_alpha:
                continue   # the run goes on: a longer name
        else:
            continue
        name = [t for t in doc[start:end] if t.i != tok.i]
        if not name or all(common_word(doc, t.lower_) for t in name) \
                or _title_case_line(doc, tok) and any(common_word(doc, t.lower_)
                                                      for t in name) \
                or tok.text in PROFESSION_PLURALS and start and doc[start - 1].is_title \
                and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start:
            continue
        changed |= _make_org(doc, index, start, end)
    index.apply()
    return changed


# nouns of a field that are never a name alone ("Cybersecurity company X" opening a sentence)
_FIELD_NOUNS = frozenset({"cybersecurity", "cyber-security", "infosec", "cyber"})
_PEOPLE_ENDINGS = ("ers", "ors", "ents", "ants", "ians", "ists", "ees")
_PORTFOLIO_TITLES = frozenset({"Minister", "Ministers", "Secretary", "Commissioner",
                               "Spokesperson", "Spokesman", "Spokeswoman", "Shadow"})


def common_nouns(doc: Doc, ents: list[Span]) -> bool:
    """Capitalised common words the model took for names, dropped: a one-word PERSON made
    of initials only ("posted on X.", "N.S." for a province), a field noun alone
    ("Cybersecurity company X"), a plural people noun that is a frequent English word
    opening a sentence ("Supporters' group …", "Owners will receive …") and the portfolio of
    a minister ("Minister for Energy": not the organisation "Energy"). Gazetteer and
    rule names are left alone."""
    keep = []
    for ent in ents:
        if ent.ent_id_ or ent.label_ not in ("PERSON", "ORG", "GPE", "LOC") or len(ent) != 1:
            keep.append(ent)
            continue
        tok = ent[0]
        text, lower = tok.text, tok.lower_
        initials = ent.label_ == "PERSON" and len(text) <= 6 and text.endswith(".") \
            and all(c.isupper() for c in text.replace(".", "")) and text.replace(".", "")
        field = lower in _FIELD_NOUNS
        people = (tok.is_sent_start or tok.i == 0 or doc[tok.i - 1].is_space) \
            and text.istitle() \
            and lower.endswith(_PEOPLE_ENDINGS) and tok.i + 1 < len(doc) \
            and (doc[tok.i + 1].text in ("'", "’") or doc[tok.i + 1].is_lower) \
            and common_word(doc, lower)
        portfolio = tok.i >= 2 and doc[tok.i - 1].lower_ in ("for", "of") \
            and doc[tok.i - 2].text in _PORTFOLIO_TITLES and common_word(doc, lower)
        if not (initials or field or people or portfolio):
            keep.append(ent)
    if len(keep) == len(ents):
        return False
    ents[:] = keep
    return True


# heads of the other languages' lists that are English words too ("Police Road", "Office
# Park", "Hospital Hill"): never read as foreign (besides any frequent English word)
ENGLISH_HEADS = ORG_WORDS | frozenset({"Office", "Police", "Hospital", "Bank", "Tribunal",
                                       "Cabinet", "Camera", "Union", "Institute", "Agency",
                                       "Federation", "Association", "Foundation", "Junta"})


_PLACE_PARTICLES = frozenset({"de", "des", "du", "la", "le", "les", "sur", "sous", "en", "lès",
                              "lez", "aux", "au", "et", "d'", "l'", "di", "del", "am", "an",
                              "im", "bei", "ob", "upon", "on", "under"})


def hyphen_places(doc: Doc, ents: list[Span]) -> bool:
    """"Saint-Aubin" + "-des-Prés", "Châlons" + "-en-Champagne", "Frankfurt" + "-am-Main":
    an entity glued by hyphens to a lower-case particle and a capitalised word (no spaces)
    takes them in."""
    changed = False
    taken = {i for e in ents for i in range(e.start, e.end)}
    for k, ent in enumerate(ents):
        if ent.label_ not in ("ORG", "GPE", "LOC") or not _rule_or_model(ent):
            continue
        end = ent.end
        while end + 3 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in \
                _PLACE_PARTICLES and doc[end + 2].text == "-" \
                and doc[end + 3].text[:1].isupper() and doc[end + 3].is_alpha \
                and not doc[end - 1].whitespace_ and not any(
                    doc[q].whitespace_ for q in range(end, end + 3)) \
                and not taken.intersection(range(end, end + 4)):
            end += 4
        if end != ent.end:
            ents[k] = Span(doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id,
                           span_id=ent.id)
            taken.update(range(ent.end, end))
            changed = True
    return changed


def hyphen_compounds(doc: Doc, ents: list[Span]) -> bool:
    """"Residents in Ceredigion-on-Teifi", "Saint-Josse-ten-Noode": capitalised words and
    lower-case place particles joined by hyphens without spaces, with at least one particle,
    opening and ending with a capitalised word, in no entity, are a place name (GPE)."""
    changed = False
    taken = {i for e in ents for i in range(e.start, e.end)}
    n, i = len(doc), 0
    while i < n:
        tok = doc[i]
        if i in taken or not tok.is_title or not tok.is_alpha or tok.whitespace_ \
                or i + 2 >= n or doc[i + 1].text != "-":
            i += 1
            continue
        end, j, particle = i + 1, i, False
        while j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ \
                and not doc[j + 1].whitespace_ and doc[j + 2].is_alpha \
                and (doc[j + 2].is_title or doc[j + 2].lower_ in _PLACE_PARTICLES
                     or doc[j + 2].lower_ in ("ten", "ter", "op", "aan", "le", "la")):
            j += 2
            particle |= doc[j].is_lower
            if doc[j].is_title:
                end = j + 1
        if particle and end > i + 1 and not taken.intersection(range(i, end)):
            ents.append(Span(doc, i, end, label="GPE"))
            taken.update(range(i, end))
            changed = True
        i = max(end, i + 1)
    return changed


def place_lists(doc: Doc, ents: list[Span]) -> bool:
    """"the municipalities of Saint-Josse-ten-Noode, Evere and Koekelberg": a one-word model
    PERSON in a list ("A, B and C") whose other members are all places (GPE) is a place."""
    changed = False
    ents.sort(key=lambda e: e.start)
    for k, ent in enumerate(ents):
        if ent.label_ != "PERSON" or ent.ent_id_ or len(ent) != 1:
            continue
        members, joints, j = [ent], [], k
        while j > 0 and ents[j - 1].end + 1 == ents[j].start \
                and doc[ents[j - 1].end].text in (",", "and", "or"):
            j -= 1
            members.append(ents[j])
            joints.append(doc[ents[j].end].text)
        j = k
        while j + 1 < len(ents) and ents[j].end + 1 == ents[j + 1].start \
                and doc[ents[j].end].text in (",", "and", "or"):
            joints.append(doc[ents[j].end].text)
            j += 1
            members.append(ents[j])
        others = members[1:]
        if others and all(e.label_ == "GPE" for e in others) \
                and any(w in ("and", "or") for w in joints):
            ents[k] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    return changed


# people named by where they live ("a retired bank officer from Andheri", "a man from
# Kestwick"): the one-word name after "from" is their home, not an organisation
_RESIDENT_NOUNS = frozenset({"man", "woman", "men", "women", "resident", "residents", "native",
                             "pensioner", "pensioners", "retiree", "retirees", "couple",
                             "boy", "girl", "teenager", "teenagers", "youth", "villager",
                             "villagers", "family", "families", "officer", "homeowner",
                             "homeowners", "widow", "grandmother", "grandfather"})

def home_places(doc: Doc, ents: list[Span]) -> bool:
    """"A 68-year-old retired bank officer from Andheri was duped": a one-word model ORG
    (title case, not an acronym) after "<resident noun> from" is a place (GPE). (A name
    without an entity after "the village/town of" is left alone: the NER corpora leave
    many such villages unlabelled or LOC.)"""
    changed = False
    for k, ent in enumerate(ents):
        if ent.label_ == "ORG" and not ent.ent_id_ and len(ent) == 1 and ent.start >= 2 \
                and NAME_WORD.match(ent.text) and doc[ent.start - 1].lower_ == "from" \
                and doc[ent.start - 2].lower_ in _RESIDENT_NOUNS:
            ents[k] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    return changed


# abbreviated titles and words that the rule-based sentencizer reads as a sentence end
# ("spokesperson Lt. Benoit Richer said": spaCy splits "Lt" + ".")
_ABBREVIATIONS = frozenset({"Lt", "Sgt", "Col", "Gen", "Capt", "Cpl", "Maj", "Insp", "Det",
                            "Supt", "Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Rev", "Hon",
                            "Gov", "Sen", "Rep", "Adm", "Cmdr", "Brig", "Pte", "Fr", "Mt",
                            "Cllr", "Ch", "Const", "Lieut", "Mme", "Mlle", "Messrs", "Sr",
                            "Sra", "Srta", "Sres", "Dott", "Sig"})


# "Sr" is also a name's suffix: "… said John Smith Sr. He added …" ends a sentence
_NAME_SUFFIX_ABBREVIATIONS = frozenset({"Sr", "Jr"})


@Language.component("abbreviation_sents", requires=["token.is_sent_start"],
                    assigns=["token.is_sent_start"])
def abbreviation_sents(doc: Doc) -> Doc:
    """After the rule-based sentencizer: no sentence starts right after an abbreviated title
    ("Lt." / "Dr." / "St.") when a capitalised word follows ("Lt. Benoit Richer said"); "Sr."
    right after a name word is the name's suffix and may end the sentence."""
    for tok in doc[2:]:
        prev, abbr = doc[tok.i - 1], doc[tok.i - 2]
        if tok.is_sent_start and prev.text == "." and abbr.text in _ABBREVIATIONS \
                and not abbr.whitespace_ and tok.text[:1].isupper() \
                and (tok.i < 3 or doc[tok.i - 3].text != "."
                     and not (abbr.text in _NAME_SUFFIX_ABBREVIATIONS
                              and doc[tok.i - 3].is_title and doc[tok.i - 3].is_alpha)):
            tok.is_sent_start = False
    return doc


__all__ = ["PROFESSION_PLURALS", "TRADE_FIRST", "abbreviation_sents", "common_nouns",
           "descriptor_first", "foreign_heads", "foreign_names", "home_places",
           "hyphen_compounds", "hyphen_places", "listed_heads", "name_tail", "no_letters",
           "numbered_names", "place_lists", "trade_names", "web_names"]
