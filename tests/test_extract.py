"""Extraction stage: main text without widget residue (in many languages), metadata, statuses."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from pipeline.extract import (
    _vote,
    detect_language,
    extract_article,
    extract_html,
    extractor_name,
    is_residue_line,
    parse_date,
    strip_residue,
)
from pipeline.records import ExtractStatus, FetchResult, FetchStatus, stable_id

WIDGETS = Path(__file__).parent / "fixtures" / "widgets"
FIXTURES = sorted(p.stem for p in WIDGETS.glob("*.html"))

PARAGRAPHS = [
    "The regional water utility confirmed on Tuesday that a ransomware attack had disrupted its "
    "billing systems and the customer portal for most of the weekend.",
    "Engineers isolated the affected servers, restored the portal from backups and said that the "
    "supply of drinking water had not been affected at any point.",
    "The utility reported the incident to the national cyber security centre and said it had no "
    "evidence so far that customer data had been copied by the attackers.",
    "Customers were told to ignore any message asking them to pay an outstanding bill through a "
    "link, because the company never asks for payment that way.",
]

# the seed article's Spanish comment widget (shared/examples/mns-click-and-collect.txt)
SEED_WIDGET = [
    "Comentarios 0", "Comentando como:", "¡Únete a la conversación!",
    "Sé el primero en compartir tu opinión sobre este artículo.", "¡Inicia la conversación!",
    "Sé el primero en comentar este artículo.",
]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>Utility hit by ransomware</title>{head}</head><body>{body}</body></html>")


def article_html(extra_in_article: str = "", after: str = "", head: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return page(f"<article><h1>Utility hit by ransomware</h1>{paras}{extra_in_article}</article>"
                f"{after}", head=head)


def fetched(html: str | None, *, status: FetchStatus = FetchStatus.OK,
            url: str = "https://news.example.org/utility-ransomware",
            final_url: str | None = None) -> FetchResult:
    return FetchResult(source=url, url=url, status=status, html=html, final_url=final_url,
                       fetched_at=datetime(2025, 1, 1, tzinfo=timezone.utc))


# --------------------------------------------------------------------------- widget fixtures

def test_widget_fixtures_cover_at_least_six_languages():
    langs = {json.loads((WIDGETS / f"{name}.json").read_text("utf-8"))["language"]
             for name in FIXTURES}
    assert {"es", "de", "fr", "ru", "ja", "en"} <= langs


@pytest.mark.parametrize("name", FIXTURES)
def test_widget_page_has_article_and_no_residue(name, settings):
    expected = json.loads((WIDGETS / f"{name}.json").read_text("utf-8"))
    art = extract_html((WIDGETS / f"{name}.html").read_text("utf-8"), url=None, settings=settings)
    assert art.status is ExtractStatus.OK, art.error
    for sentence in expected["must"]:
        assert sentence in art.text, f"article sentence lost: {sentence!r}"
    leaked = [r for r in expected["residue"] if r in art.text]
    assert leaked == [], f"widget residue in the text: {leaked}"
    flagged = [ln for ln in art.text.splitlines() if is_residue_line(ln)]
    assert flagged == []


@pytest.mark.parametrize("name", FIXTURES)
def test_widget_page_metadata(name, settings):
    expected = json.loads((WIDGETS / f"{name}.json").read_text("utf-8"))
    art = extract_html((WIDGETS / f"{name}.html").read_text("utf-8"), url=None, settings=settings)
    assert art.language == expected["language"]
    assert art.title == expected["title"]
    assert art.published == date.fromisoformat(expected["published"])
    if "modified" in expected:
        assert art.modified == date.fromisoformat(expected["modified"])
    assert art.site == expected["site"]
    assert art.canonical_url == expected["canonical_url"]
    assert art.article_id == stable_id(expected["canonical_url"])
    if "authors" in expected:
        assert list(art.authors) == expected["authors"]


# --------------------------------------------------------------------------- the seed widget

@pytest.mark.parametrize("container", ['<div class="comments">', '<section id="comments">',
                                       '<div class="opinion-widget">', "<div>"])
def test_seed_spanish_widget_never_comes_through(container, settings):
    tag = container[1:].split()[0].rstrip(">")
    widget = container + "".join(f"<p>{ln}</p>" for ln in SEED_WIDGET) + f"</{tag}>"
    for html in (article_html(extra_in_article=widget), article_html(after=widget)):
        art = extract_html(html, url="https://news.example.org/a", settings=settings)
        assert art.ok
        assert art.text.splitlines()[-1] == PARAGRAPHS[-1]
        for line in SEED_WIDGET:
            assert line.strip("¡!:") not in art.text


def test_seed_text_tail_is_cut(shared_dir):
    seed = (shared_dir / "examples" / "mns-click-and-collect.txt").read_text("utf-8")
    cleaned = strip_residue(seed)
    assert "Comentarios" not in cleaned and "conversación" not in cleaned
    assert cleaned.rstrip().endswith("undergoing digital transformation.")
    # only the widget went: the article before it is intact
    assert len(cleaned) > 0.8 * len(seed)


# --------------------------------------------------------------------------- residue lines

@pytest.mark.parametrize("line", [
    "Comments", "0 Comments", "Kommentare (3)", "Комментарии 224", "コメント（0）", "Reacties (0)",
    "Leave a Reply", "Loading comments...", "Sé el primero en comentar este artículo.",
    "Schreiben Sie den ersten Kommentar", "Soyez le premier à commenter cet article",
    "Sii il primo a commentare", "Wees de eerste die reageert!",
    "Subscribe to the Morning Review newsletter",
    "Get the day's top headlines delivered to your inbox every morning.",
    "Suscríbete a nuestro boletín", "Abonnez-vous à notre newsletter", "Подпишитесь на рассылку",
    "READ MORE: Police close road after crash", "Lesen Sie auch: Neue Radwege in der Altstadt",
    "À lire aussi : le marché change de place", "Читайте также: новый каток", "関連記事",
    "Share this article", "Like this story? Share it with a friend!", "Поделиться",
    "We use cookies to improve your experience.", "Advertisement", "PUBLICIDAD", "Anzeige",
    "Filed under: Security |", "Tags: ransomware, hospitals",
    "Sign in to comment", "Register to reply", "Rejoignez la discussion", "Lancez la conversation !",
    "Dodaj komentarz", "メルマガ無料登録する", "Bądź pierwszy, który skomentuje",
    "Para comentar debes iniciar sesión.", "Log in om een reactie te plaatsen.",
    "Bli den första att kommentera.", "Logga in för att kommentera", "Accedi per commentare",
    "Faça login para comentar", "Connectez-vous pour réagir", "Zaloguj się, aby dodać komentarz",
])
def test_widget_lines_are_residue(line):
    assert is_residue_line(line) is not None


@pytest.mark.parametrize("line", [
    "The attackers sent a fake newsletter to 20,000 customers, asking them to update their "
    "payment details on a look-alike website, the bank said.",
    "Comments made by the minister on Tuesday suggested that the ministry had been warned "
    "about the weakness months before the attack.",
    "Die Stadtwerke teilten mit, dass die Versorgung mit Strom und Wasser zu keinem Zeitpunkt "
    "gefährdet war.",
    "Le président a indiqué qu'une plainte avait été déposée.",
    "Related incidents at two other councils are being investigated by the same police unit, "
    "officers said on Friday.",
])
def test_article_sentences_are_not_residue(line):
    assert is_residue_line(line) is None


@pytest.mark.parametrize("widget", [
    ["Comentarios 0", "Para participar hay que estar suscrito al diario.", "Enviar"],
    ["Reacties (2)", "Jan de Vries", "Goed stuk, maar waarom duurde het zo lang?"],
    ["Kommentarer", "Anna L. 12:04", "Typiskt att det alltid är kunderna som får betala."],
    # labels of more languages, and discussion labels with a count (they leaked before)
    ["Diskuse (0)", "Petr K.", "Zase platí zákazníci za špatné zabezpečení."],
    ["Comentarii (2)", "Ion P.", "Mereu plătesc clienții pentru securitatea proastă."],
    ["Hozzászólások (3)", "Kata", "Mindig az ügyfelek fizetik meg az árát."],
    ["Komentari (4)", "Ivana", "Opet plaćaju korisnici, kao i uvijek."],
    ["Σχόλια (2)", "Νίκος", "Πάντα πληρώνουν οι πελάτες."],
    ["Leserkommentare", "Jetzt kommentieren", "Karl M.", "Wieder zahlen die Kunden."],
    ["Discussione (4)", "Marco", "Pagano sempre i clienti, come al solito."],
    ["12 Reaktionen", "Karl M.", "Wieder zahlen die Kunden für schlechte Sicherheit."],
    # the label at the head of a bar of widget controls
    ["Comentarios (2) · Ordenar por: Más recientes", "- Lucía R. hace 2 horas Es increíble, "
     "siempre pagamos los mismos."],
    ["12 comments | Sort by: Newest", "jsmith 3h ago", "Patch your servers, people."],
])
def test_a_comment_label_starts_a_comment_section_cut_to_the_end(widget):
    # a widget flattened into the article's container: after its label, lines no list knows
    # (a prompt in other words, a commenter's name, a reader comment) go with it
    text = "\n".join([*PARAGRAPHS, *widget])
    assert strip_residue(text) == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("heading", ["Discussion", "Reaktionen", "Reactions", "Debate"])
def test_a_discussion_heading_without_a_count_inside_the_text_is_kept(heading):
    text = "\n".join([*PARAGRAPHS[:3], heading, *PARAGRAPHS[3:]])
    assert strip_residue(text) == text


def test_a_line_with_a_separator_that_only_starts_with_a_comment_word_is_kept():
    line = ("Comments · from the minister on Tuesday suggested the ministry had been warned "
            "about the weak passwords months earlier")
    text = "\n".join([*PARAGRAPHS[:3], line, *PARAGRAPHS[3:]])
    assert strip_residue(text) == text


def test_a_comment_label_among_the_first_lines_is_left_alone():
    text = "\n".join(["Comments", *PARAGRAPHS])
    assert strip_residue(text) == "\n".join(PARAGRAPHS)


def test_teaser_heading_takes_its_titles_with_it():
    text = "\n".join([PARAGRAPHS[0], "Mehr zum Thema", "Stadtrat beschließt neuen Busfahrplan",
                      "Feuerwehrfest am Deich lockt Tausende", PARAGRAPHS[1]])
    assert strip_residue(text) == "\n".join([PARAGRAPHS[0], PARAGRAPHS[1]])


def test_headline_and_dateline_at_the_start_are_dropped():
    text = "\n".join(["Utility hit by ransomware", "5:45 AM PST 11/19/2024 by Jo Bloggs",
                      *PARAGRAPHS])
    assert strip_residue(text, title="Utility hit by ransomware") == "\n".join(PARAGRAPHS)


def test_short_article_lines_at_the_end_survive():
    # a list at the end of an article is not a widget just because its lines are short
    text = "\n".join([*PARAGRAPHS, "Affected products:", "Router X100", "Router X200"])
    assert strip_residue(text) == text


# --------------------------------------------------------------------------- statuses

def test_fetch_failure_is_skipped(settings):
    art = extract_article(fetched(None, status=FetchStatus.TIMEOUT), settings)
    assert art.status is ExtractStatus.SKIPPED_FETCH_FAILED
    assert art.article_id == stable_id("https://news.example.org/utility-ransomware")
    assert "timeout" in art.error


def test_ok_article_uses_canonical_url_for_id(settings):
    head = '<link rel="canonical" href="https://news.example.org/2025/utility-ransomware">'
    art = extract_article(fetched(article_html(head=head)), settings)
    assert art.status is ExtractStatus.OK
    assert art.url == "https://news.example.org/utility-ransomware"
    assert art.canonical_url == "https://news.example.org/2025/utility-ransomware"
    assert art.article_id == stable_id("https://news.example.org/2025/utility-ransomware")
    assert art.text.splitlines() == PARAGRAPHS
    assert art.extractor == extractor_name(settings)
    assert art.extractor.startswith("trafilatura-") and "readability-" in art.extractor


def test_homepage_canonical_is_ignored(settings):
    head = '<link rel="canonical" href="https://news.example.org/">'
    art = extract_article(fetched(article_html(head=head)), settings)
    assert art.canonical_url is None
    assert art.article_id == stable_id("https://news.example.org/utility-ransomware")


def test_final_url_after_redirect_is_the_article_url(settings):
    art = extract_article(fetched(article_html(), final_url="https://news.example.org/final"),
                          settings)
    assert art.url == "https://news.example.org/final"


def test_consent_wall_is_blocked(settings):
    html = page('<div class="consent-dialog"><h1>Before you continue</h1><p>We use cookies and '
                "data to deliver and maintain our services.</p><button>Reject all</button>"
                "<button>Accept all</button></div>")
    art = extract_article(fetched(html), settings)
    assert art.status is ExtractStatus.BLOCKED
    assert art.error == "consent_wall"
    assert art.text == ""


def test_empty_and_garbage_pages(settings):
    assert extract_article(fetched(""), settings).status is ExtractStatus.EMPTY
    for junk in ("   ", "<html></html>", "<<<>>>", "\x00\x01\x02", "<html><body><div></div>"):
        art = extract_html(junk, url=None, settings=settings)
        assert art.status in (ExtractStatus.EMPTY, ExtractStatus.TOO_SHORT)


def test_short_text_is_too_short(settings):
    html = page("<article><p>Systems are down after an attack, the council said.</p></article>")
    art = extract_html(html, url=None, settings=settings)
    assert art.status is ExtractStatus.TOO_SHORT
    assert "Systems are down" in art.text
    looser = settings.replace("extract", min_text_chars=20)
    assert extract_html(html, url=None, settings=looser).status is ExtractStatus.OK


def test_file_input_keeps_file_url(settings, tmp_path):
    url = (tmp_path / "page.html").as_uri()
    art = extract_article(fetched(article_html(), url=url), settings)
    assert art.ok and art.url == url and art.article_id == stable_id(url)


# --------------------------------------------------------------------------- ensemble

def test_vote_prefers_the_longer_text_that_contains_the_first():
    first = " ".join(PARAGRAPHS[:1])
    second = " ".join(PARAGRAPHS)
    assert _vote(first + " " * 0, second, prose=3000, min_chars=200).producer == "readability"


def test_vote_keeps_first_when_the_texts_disagree():
    first = " ".join(PARAGRAPHS[:3])
    second = "Totally unrelated sidebar text about football fixtures. " * 20
    assert _vote(first, second, prose=3000, min_chars=200).producer == "trafilatura"


def test_vote_replaces_a_notice():
    notice = "This copy is for your personal, non-commercial use only. Order reprints here."
    assert _vote(notice, "\n".join(PARAGRAPHS), prose=600, min_chars=200).producer == \
        "readability"


def test_second_extractor_can_be_switched_off(settings):
    off = settings.replace("extract", second_extractor=False)
    art = extract_html(article_html(), url=None, settings=off)
    assert art.ok and "readability" not in art.extractor


# --------------------------------------------------------------------------- metadata helpers

@pytest.mark.parametrize("value,expected", [
    ("2025-03-04T09:15:00+01:00", date(2025, 3, 4)),
    ("2025/03/04", date(2025, 3, 4)),
    ("20250304", date(2025, 3, 4)),
    ("04.03.2025", date(2025, 3, 4)),
    ("March 4, 2025", date(2025, 3, 4)),
    ("4 de marzo de 2025", date(2025, 3, 4)),
    ("4. März 2025", date(2025, 3, 4)),
    ("2025年3月4日", date(2025, 3, 4)),
    ("not a date", None),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text,lang", [
    (" ".join(PARAGRAPHS), "en"),
    ("Die Stadtwerke teilten mit, dass die Versorgung mit Strom und Wasser zu keinem Zeitpunkt "
     "gefährdet war und die Systeme wieder laufen.", "de"),
    ("El ayuntamiento ha presentado una denuncia y asegura que no negociará con los atacantes "
     "de la red.", "es"),
    ("Le président a indiqué qu'une plainte avait été déposée et que les services sont "
     "rétablis pour les familles.", "fr"),
    ("Жители третий день не могут оплатить счета за воду.", "ru"),
    ("学園は警察と専門業者に相談している。", "ja"),
    ("Мешканці третій день не можуть сплатити рахунки: їхні дані є в мережі.", "uk"),
    ("“The council said it was not aware of any data that had been taken,” a spokesperson "
     "said on Tuesday.", "en"),                  # typographic quotes: not a script cue
    ("Der Angriff traf auch Kunden in Ελλάδα und das ist nicht der erste Fall für den "
     "Versorger.", "de"),                          # a few Greek letters decide nothing
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_language_is_the_texts_not_the_sites(settings):
    # an English article on a Spanish site (as on the seed page)
    html = article_html().replace('lang="en"', 'lang="es"')
    assert extract_html(html, url=None, settings=settings).language == "en"


# --------------------------------------------------------------------------- bundled samples

def test_every_sample_page_extracts_cleanly(samples_dir, settings):
    pages = sorted(samples_dir.glob("*.html"))
    if not pages:
        pytest.skip("data/samples has no pages yet")
    for path in pages:
        art = extract_html(path.read_text("utf-8"), url=None, settings=settings)
        assert art.status is ExtractStatus.OK, (path.name, art.error)
        assert art.title and art.published and art.canonical_url, path.name
        residue = [ln for ln in art.text.splitlines() if is_residue_line(ln)]
        assert residue == [], (path.name, residue)
        for line in SEED_WIDGET:
            assert line.strip("¡!:") not in art.text, (path.name, line)


def test_metadata_from_meta_tags_is_cleaned(settings):
    head = ('<meta property="og:title" content="Breach costs council &amp;#163;2m">'
            '<meta name="author" content="By JANE DOE, Staff Writer">'
            '<meta property="article:published_time" content="2025-02-03T10:00:00Z">'
            '<meta property="og:site_name" content="The Example Post">')
    art = extract_html(article_html(head=head), url="https://news.example.org/a",
                       settings=settings)
    assert art.title == "Breach costs council £2m"
    assert art.authors == ("JANE DOE",)
    assert art.published == date(2025, 2, 3)
    assert art.site == "The Example Post"


def test_missing_metadata_falls_back(settings):
    # no meta tags: date from the URL / page, site from the host name
    art = extract_html(article_html(), url="https://www.example-news.org/2025/02/03/utility",
                       settings=settings)
    assert art.published == date(2025, 2, 3)
    assert art.site == "example-news.org"
    assert art.language == "en"


def test_wall_seen_by_fetch_stays_blocked(settings):
    res = FetchResult(source="https://news.example.org/a", url="https://news.example.org/a",
                      status=FetchStatus.BLOCKED, error="captcha", html="<html></html>")
    art = extract_article(res, settings)
    assert art.status is ExtractStatus.BLOCKED and art.error == "captcha"


def test_ambiguous_labels_only_go_at_the_end():
    text = "\n".join([PARAGRAPHS[0], "Discussion", PARAGRAPHS[1], "Discussion (3)"])
    assert strip_residue(text) == "\n".join([PARAGRAPHS[0], "Discussion", PARAGRAPHS[1]])


@pytest.mark.parametrize("line", ["5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Minuten",
                                  "Tempo de leitura: 3 minutos", "Время чтения: 2 минуты"])
def test_reading_time_lines_at_the_start_are_dropped(line):
    assert strip_residue("\n".join([line, *PARAGRAPHS])) == "\n".join(PARAGRAPHS)


def test_cue_lists_run_only_the_branches_whose_literal_is_in_the_line():
    from pipeline.residue import _rx

    cues = _rx(r"leave a (reply|comment)", r"comments? (are|is) closed", r"^\W*(join|get)\b")
    assert cues.literals == ("comment", "leave a ")    # the last branch has no literal
    assert cues.search("Comments are closed.") and cues.search("LEAVE A REPLY")
    assert cues.search("Get the app") and not cues.search("He declined to comment.")


def test_subtitle_with_a_year_is_not_a_dateline():
    text = "\n".join(["Ransomware attacks in 2024 hit a record high", *PARAGRAPHS])
    assert strip_residue(text) == text


def test_edge_titles_are_kept_only_when_the_second_extractor_agrees():
    from pipeline.extract import _confirm_edges

    body = "\n".join(PARAGRAPHS + ["Council opens new library in the old station",
                                   "Harbour festival returns for two days this summer"])
    second_without = "\n".join(PARAGRAPHS)
    assert _confirm_edges(body, second_without) == "\n".join(PARAGRAPHS)
    assert _confirm_edges(body, body) == body            # both extractors have them: kept
    unrelated = "Completely different text about football fixtures and weather. " * 10
    assert _confirm_edges(body, unrelated) == body       # the second found another block


def test_widget_containers_are_pruned_by_whole_class_tokens():
    import lxml.html

    from pipeline.extract import _prune_widgets
    from pipeline.softblock import prose_chars

    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<div class="related-wrapper main-col">{paras}'
                '<div class="share-tools"><p>Share on X</p></div>'
                '<div class="shared-content"><p>Kept: a shared-content block.</p></div>'
                '<div id="comments-area"><p>2 comments</p></div></div>')
    root = lxml.html.document_fromstring(html)
    assert _prune_widgets(root, prose_chars(root)) == 2
    text = root.text_content()
    assert "Share on X" not in text and "2 comments" not in text
    assert "Kept: a shared-content block." in text
    assert all(p in text for p in PARAGRAPHS)   # the wrapper holding the article stays


def test_a_widget_holding_the_marked_article_body_is_kept():
    import lxml.html

    from pipeline.extract import _prune_widgets
    from pipeline.softblock import prose_chars

    # short enough that the prose-share rule alone would not keep any of them
    html = page('<div class="newsletter"><p>Sign up</p></div>'
                '<div class="related-wrapper"><div class="share-tools"><p>Share on X</p></div>'
                '<div itemprop="articleBody"><p>Attack hit the council on Monday.</p></div></div>'
                '<div class="related-posts"><div itemprop="articleBody"><p>Other story.</p>'
                '</div></div>')
    root = lxml.html.document_fromstring(html)
    assert _prune_widgets(root, prose_chars(root)) == 3
    text = root.text_content()
    assert "Attack hit the council on Monday." in text      # the page's first articleBody
    assert "Sign up" not in text and "Share on X" not in text and "Other story." not in text


def test_a_widget_inside_a_dropped_widget_is_not_counted_again():
    import lxml.html

    from pipeline.extract import _prune_widgets
    from pipeline.softblock import prose_chars

    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<article>{paras}</article><div class="share-bar">'
                '<div class="social-links"><p>Follow us</p></div></div>'
                '<div class="newsletter"><p>Sign up</p></div>')
    root = lxml.html.document_fromstring(html)
    assert _prune_widgets(root, prose_chars(root)) == 2
    assert "Follow us" not in root.text_content() and "Sign up" not in root.text_content()


# --------------------------------------------------------------------------- one parse, cheap passes

@pytest.mark.parametrize("html", [
    article_html(),
    '<?xml version="1.0" encoding="utf-8"?>' + article_html(),      # declaration: bytes path
    "<div><p>" + PARAGRAPHS[0] + "</p><form><input name=q><select><option>a</select></form></div>",
    "<html><body><p>" + PARAGRAPHS[1] + "</p><!-- note --><?php echo 1 ?></body></html>",
])
def test_the_page_is_parsed_into_the_tree_trafilatura_would_build(html, samples_dir):
    """Our parser (plain HtmlElement proxies, chosen in C) builds the same tree as
    trafilatura's own loader, so trafilatura's rules see exactly what they would see alone."""
    import lxml.html
    from lxml import etree
    from trafilatura.utils import load_html

    from pipeline.extract import _parse

    pages = [html] + [p.read_text("utf-8") for p in sorted(samples_dir.glob("*.html"))[:3]]
    for doc in pages:
        ours, theirs = _parse(doc), load_html(doc)
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert all(isinstance(el, lxml.html.HtmlElement) for el in ours.iter("*"))
        assert all(type(el) is lxml.html.HtmlElement for el in ours.iter("form", "input"))


def test_unparseable_input_is_empty_not_an_error(settings):
    for junk in ("\x00\x01", "just some words", "<"):
        art = extract_html(junk, url=None, settings=settings)
        assert art.status in (ExtractStatus.EMPTY, ExtractStatus.TOO_SHORT)


def test_second_extractor_keeps_videos_without_rewriting_every_link():
    """readability runs without the page URL (rewriting every link cost a third of its time and
    the text needs no link); embedded video iframes still get the absolute src it looks for."""
    from pipeline.extract import _parse, _readability_text

    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f'<article>{paras}<p><a href="/other">A relative link</a> in the prose, with '
                'enough words around it to count as a paragraph of the article.</p>'
                '<iframe src="//www.youtube.com/embed/abc"></iframe>'
                '<iframe src="http://[broken"></iframe></article>')
    tree = _parse(html)
    text = _readability_text(tree, "https://news.example.org/a")
    assert all(p in text for p in PARAGRAPHS) and "A relative link" in text
    assert [el.get("src") for el in tree.iter("iframe")] == ["https://www.youtube.com/embed/abc",
                                                            None]
    assert [a.get("href") for a in tree.iter("a")] == ["/other"]


def test_widget_values_match_whole_tokens_and_pairs_within_one_value():
    from pipeline.extract import _widget_values

    values = ["Share-Bar", "shared-content", "l-article-body", "read", "more-link",
              "post__tags", "js-readMore", "box\ncomments", "İstanbul related", "social_links",
              "recirculation-x", "also read"]
    assert _widget_values(values) == {"Share-Bar", "post__tags", "js-readMore", "box\ncomments",
                                      "İstanbul related", "social_links", "recirculation-x",
                                      "also read"}
    # "read" and "more-link" are two values: their tokens never pair across values
    assert _widget_values(["read", "more"]) == set()
    assert _widget_values([]) == set()


@pytest.mark.parametrize("html", [
    "<!DOCTYPE html>\n<html><body><p>a\x00b\x0bc\ufffe</p></body></html>",
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' '/x.dtd'>\n<html><body>é</body></html>",
    "<html/>\n<body><p>self-closing html</p></body>",
    "<!doctype html/>no newline at all<p>x</p>",
    "plain text\x1f with a control character",
    "<!DOCTYPE html>\n<html><body><p>unchanged \u00e9 \U0001f600</p></body></html>",
    "<html><body><p>a lone surrogate \ud800</p></body></html>",
])
def test_repair_is_trafilaturas(html):
    from trafilatura.utils import repair_faulty_html

    from pipeline.extract import _repair

    beginning = html[:50].lower()
    fixed, raw = _repair(html, beginning)
    assert fixed == repair_faulty_html(html, beginning)
    # the bytes come only with a page the repair left as it was
    assert raw is None or (fixed == html and raw == html.encode("utf-8"))


@pytest.mark.parametrize("html", ["<!-- only a comment -->", "plain text", '<?xml version="1.0"?>',
                                  "<html><body><p>x \ud800 y</p></body></html>"])
def test_a_page_is_parsed_from_its_bytes_at_most_once(monkeypatch, html):
    import lxml.html
    from trafilatura.utils import load_html

    from pipeline import extract

    parsed = []
    fromstring = lxml.html.fromstring

    def counting(doc, **kw):
        parsed.append(type(doc))
        return fromstring(doc, **kw)

    expected = load_html(html)
    monkeypatch.setattr(lxml.html, "fromstring", counting)
    result = extract._parse(html)
    assert (result is None) == (expected is None)     # unparseable exactly when load_html says so
    assert parsed.count(bytes) <= 1 and parsed.count(str) <= 1


def test_parsing_the_pages_bytes_gives_the_tree_of_the_str():
    import lxml.html
    from lxml import etree

    from pipeline.extract import _html_parser, _parse

    pages = [html for _, html in _prune_pages()] + [
        article_html(), "<html><body><p>\u00e9t\u00e9 \u4e2d\u6587 \U0001f600</p></body></html>",
        '<html><head><meta charset="iso-8859-1"></head><body><p>caf\u00e9</p></body></html>']
    for html in pages:
        expected = lxml.html.fromstring(html, parser=_html_parser())
        assert etree.tostring(_parse(html)) == etree.tostring(expected)
    # a lone surrogate: the str is parsed as before
    assert _parse("<html><body><p>x \ud800 y</p></body></html>") is not None


def test_scripts_and_styles_are_dropped_before_the_extractors_copy_the_tree(settings):
    """Both extractors delete <script>/<style> themselves; dropping them first (tails kept,
    JSON-LD kept for trafilatura) leaves each extractor's text unchanged."""
    from pipeline.extract import _drop_scripts, _parse, _readability_text, _trafilatura_text

    ld = '{"@type": "NewsArticle", "headline": "Utility hit by ransomware"}'
    body = "".join(f"<p>{p[:60]}<script>var x = {i};</script>{p[60:]}</p>"
                   for i, p in enumerate(PARAGRAPHS))
    html = page(f"<style>p {{color: red}}</style><article>{body}</article>"
                f'<script type="application/ld+json">{ld}</script><script src="/a.js"></script>')
    plain, dropped = _parse(html), _parse(html)
    assert _drop_scripts(dropped) == 6
    assert [el.get("type") for el in dropped.iter("script")] == ["application/ld+json"]
    assert not list(dropped.iter("style"))
    url = "https://news.example.org/a"
    assert _trafilatura_text(dropped, url, settings) == _trafilatura_text(plain, url, settings)
    assert all(p in _trafilatura_text(dropped, url, settings) for p in PARAGRAPHS)
    assert _readability_text(dropped, url) == _readability_text(plain, url)


# --------------------------------------------------------------------------- trafilatura fast path

PRUNE_CASES = """<html><body><div id="page">
<div id="comments"><p>c1</p></div>tail one
<div id="commentary"><p>an analysis column</p></div>
<section class="Comment-list"><p>c2</p></section>
<div class="post-comments x"><p>c3</p></div>
<div id="disqus_thread">d</div><div id="dsq-comments">e</div><div id="comol">f</div>
<ol class="commentlist"><li>c4</li></ol><ul id="disqus_thread"><li>kept: a list</li></ul>
<ul id="comment-7"><li>c5</li></ul><details class="comments"><summary>s</summary></details>
<list class="comment">raw list tag</list><span class="comments">a span stays</span>
<div class="wrap infinite-scroll"><h1>The article</h1><p>body</p></div>
<div class="infinitescroll"><p>next article</p></div>
<aside id="mvp-post-add-box"><h1>appended</h1></aside>
<section class="elementor-share-buttons--x">share</section>
<div class="x"><div id="comments-inner"><div class="comments">nested</div></div></div>
<div id="" class="">empty attributes</div>
</div></body></html>"""


def _prune_pages():
    yield "cases", PRUNE_CASES
    for name in FIXTURES:
        yield name, (WIDGETS / f"{name}.html").read_text("utf-8")


@pytest.mark.parametrize("names", [["RAW_TREE_PRUNE_XPATH"], ["REMOVE_COMMENTS_AND_LISTS_XPATH"],
                                   ["REMOVE_COMMENTS_XPATH"],
                                   ["RAW_TREE_PRUNE_XPATH", "REMOVE_COMMENTS_AND_LISTS_XPATH"]])
def test_python_prunes_remove_what_trafilaturas_xpaths_remove(names):
    import copy

    from lxml import etree
    from trafilatura import xpaths
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xml import delete_element

    from pipeline.extract import _PRUNE_KINDS, _parse, _py_prune

    removed = 0
    for page_name, html in _prune_pages():
        tree = _parse(html)
        theirs, ours = copy.copy(tree), copy.copy(tree)
        for name in names:
            prune_unwanted_nodes(theirs, getattr(xpaths, name))
        _py_prune(ours, "+".join(_PRUNE_KINDS[name] for name in names), delete_element)
        assert etree.tostring(ours) == etree.tostring(theirs), page_name
        removed += sum(1 for _ in tree.iter()) - sum(1 for _ in ours.iter())
    assert removed > 0      # the cases page has matches for every expression


def test_fast_trafilatura_path_gives_bare_extractions_text(settings):
    import copy

    from trafilatura import bare_extraction

    from pipeline.extract import (_fast_sequence_ok, _parse, _trafilatura_fast,
                                  _trafilatura_options)

    options = copy.copy(_trafilatura_options(False, True))
    assert _fast_sequence_ok(options)
    pages = [html for _, html in _prune_pages()] + [article_html(), page("<p>tiny</p>")]
    for html in pages:
        tree = _parse(html)
        before = lxml_bytes(tree)
        doc = bare_extraction(tree, options=options)
        expected = (doc.text or "") if doc is not None and doc.body is not None else ""
        assert _trafilatura_fast(tree, None, options) == expected
        assert lxml_bytes(tree) == before       # the caller's tree is not modified


def lxml_bytes(tree) -> bytes:
    from lxml import etree

    return etree.tostring(tree)


SECTION_CASES = """<html><body><main id="main-x"><article class="Article-Body">
<div class="entry"><p>entry frame</p></div><section class="single-content">s</section>
<div class="comments-title">t</div><div id="a" class="reply-x">source-first class</div>
<div class="reply-x" id="a">class first</div><div style="color:red" id="hidden-box">h</div>
<div id="box" style="display: none">n</div><p aria-hidden="true">aria</p>
<div data-lp-replacement-content="">lp</div><div role="Navigation">nav</div>
<span data-component="MostPopularStories-2">mp</span><div id="x" class="has-cookie">c</div>
<div class="x" id="cookie-bar">id second</div><section class="share-tools">s</section>
<p class="wp-caption-text">cap</p><div id="Teaser-1">tea</div><header>h</header>
<div class="page-bottom">b</div><div class="bottomline">b2</div><div class="a link b">l</div>
<div style="border:1px">br</div><div class="text">story text</div>
<div id="Main-Content">mc</div><div class="Page-Content">pc</div>
<div class="content-body"><p>cb</p></div><div role="main-area">main</div>
</article></main></body></html>"""


def test_python_element_tests_select_what_trafilaturas_main_xpaths_select(settings):
    import copy

    from trafilatura import xpaths
    from trafilatura.htmlprocessing import convert_tags, tree_cleaning

    from pipeline.extract import _body_frame, _parse, _section_matches, _trafilatura_options

    options = copy.copy(_trafilatura_options(False, True))
    pages = [SECTION_CASES] + [html for _, html in _prune_pages()]
    selected = 0
    for html in pages:
        raw = _parse(html)
        cleaned = convert_tags(tree_cleaning(copy.copy(raw), options), options, None)
        for tree in (raw, cleaned):
            for k, expr in enumerate(xpaths.BODY_XPATH):
                assert _body_frame(k, tree) is next(iter(expr(tree)), None), k
            found = _section_matches(tree)
            expected = {
                "overall0": xpaths.OVERALL_DISCARD_XPATH[0](tree),
                "overall1": xpaths.OVERALL_DISCARD_XPATH[1](tree),
                "image": xpaths.DISCARD_IMAGE_ELEMENTS[0](tree),
                "teaser": xpaths.TEASER_DISCARD_XPATH[0](tree),
                "header": xpaths.PRECISION_DISCARD_XPATH[0](tree),
                "precision1": xpaths.PRECISION_DISCARD_XPATH[1](tree)}
            for key, elements in expected.items():
                assert found[key] == list(elements), key
                selected += len(elements)
    assert selected > 0


def test_byline_candidates_are_the_xpaths_elements_in_document_order():
    from lxml import etree

    from pipeline.extract import _parse
    from pipeline.metadata import _byline_authors, _byline_elements

    xpath = etree.XPath(
        "//body//*[contains(@class, 'byline') or contains(@class, 'author') or "
        "contains(@class, 'autor') or contains(@class, 'auteur') or contains(@class, 'meta') or "
        "contains(@class, 'posted')]")
    html = page('<div class="entry-meta"><span class="post-author">By Jane Doe</span></div>'
                '<p class="Byline">x</p><div class="autorin">Von Miriam Kessler</div>')
    several_bodies = [      # libxml2 keeps each of these <body> elements
        '<html><body><p class="meta">a</p></body><body><p class="posted">By Jane Doe</p></body>'
        '</html>',
        '<html><head><title>t</title><noscript><body><p class="byline">x</p></body></noscript>'
        '</head><body><div class="author">By Jane Doe</div></body></html>',
        '<html><head><object><body><object><p class="meta">q</p></object></object></head>'
        '<body><p class="byline">By Jane Doe</p></body></html>']
    pages = [html, *several_bodies] + [(WIDGETS / f"{name}.html").read_text("utf-8")
                                       for name in FIXTURES]
    for html in pages:
        tree = _parse(html)
        assert list(_byline_elements(tree)) == xpath(tree)
    assert _byline_authors(_parse(pages[0])) == ("Jane Doe",)


@pytest.mark.parametrize("key,value", [("favor_precision", False), ("include_comments", True)])
def test_other_trafilatura_options_take_the_public_api(settings, key, value):
    import copy

    from trafilatura import bare_extraction

    from pipeline.extract import (_fast_sequence_ok, _parse, _trafilatura_options,
                                  _trafilatura_text)

    other = settings.replace("extract", **{key: value})
    ex = other.extract
    options = copy.copy(_trafilatura_options(bool(ex.include_comments), bool(ex.favor_precision)))
    assert not _fast_sequence_ok(options)
    html = article_html(after='<div id="comments"><p>Great article, thanks for writing it up '
                              'so clearly, I learned a lot today.</p></div>')
    expected = bare_extraction(_parse(html), options=options).text
    assert _trafilatura_text(_parse(html), None, other) == expected


def _changed_trafilatura_function(*args, **kwargs):      # another version's code
    raise AssertionError("never called")


@pytest.mark.parametrize("module,name", [
    ("core", "bare_extraction"), ("core", "trafilatura_sequence"), ("core", "_prepare_tree"),
    ("core", "_extract_and_compare"), ("main_extractor", "extract_content"),
    ("htmlprocessing", "prune_unwanted_nodes")])
def test_changed_trafilatura_cascade_code_takes_the_public_api(monkeypatch, module, name):
    import copy
    import importlib

    from pipeline import extract

    options = copy.copy(extract._trafilatura_options(False, True))
    extract._traf_internals.cache_clear()
    try:
        assert extract._fast_sequence_ok(options)
        assert extract._traf_source_digest() == extract._TRAF_DIGEST
        monkeypatch.setattr(importlib.import_module(f"trafilatura.{module}"), name,
                            _changed_trafilatura_function)
        extract._traf_internals.cache_clear()
        assert extract._traf_source_digest() != extract._TRAF_DIGEST
        assert not extract._fast_sequence_ok(options)
    finally:
        monkeypatch.undo()
        extract._traf_internals.cache_clear()
    assert extract._fast_sequence_ok(options)


def test_changed_trafilatura_prune_expressions_take_the_public_api(monkeypatch):
    import copy

    from lxml import etree
    from trafilatura import xpaths

    from pipeline import extract

    options = copy.copy(extract._trafilatura_options(False, True))
    extract._traf_internals.cache_clear()
    try:
        monkeypatch.setattr(xpaths, "REMOVE_COMMENTS_XPATH",
                            [*xpaths.REMOVE_COMMENTS_XPATH, etree.XPath(".//aside")])
        assert not extract._fast_sequence_ok(options)
    finally:
        monkeypatch.undo()
        extract._traf_internals.cache_clear()
    assert extract._fast_sequence_ok(options)


# --------------------------------------------------------------------------- soft 404
SOFT_404_EN = (
    "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header><main>"
    "<h1>Oops! We can’t find that page</h1><p>Sorry, the page you were looking for may have been "
    "moved, deleted or perhaps never existed. Please check the address for typos, or use the "
    "search box below to find what you are looking for on our website.</p>"
    "<h2>Popular stories</h2><ul>"
    "<li><a href='/a'>Council approves new budget for road repairs across the district</a></li>"
    "<li><a href='/b'>Local bakery wins national award for its sourdough bread recipe</a></li>"
    "<li><a href='/c'>Hospital trust confirms cyber attack disrupted appointments</a></li>"
    "</ul></main>")
SOFT_404_DE = (
    "<main><h1>Fehler 404: Diese Seite gibt es leider nicht</h1><p>Die von Ihnen aufgerufene "
    "Seite wurde möglicherweise verschoben oder gelöscht, oder die Adresse ist falsch "
    "geschrieben. Bitte überprüfen Sie die Adresse oder nutzen Sie unsere Suche, um den "
    "gewünschten Artikel auf unserer Website zu finden. Vielen Dank für Ihr Verständnis.</p>"
    "</main>")


@pytest.mark.parametrize("body, lang", [(SOFT_404_EN, "en"), (SOFT_404_DE, "de")])
def test_a_not_found_page_served_as_a_page_is_not_an_article(settings, body, lang):
    # these came out as 'ok' articles of an apology (and teaser titles) and were annotated
    art = extract_html(page(body, lang=lang), url="https://news.example.org/gone",
                       settings=settings)
    assert art.status is ExtractStatus.NOT_ARTICLE
    assert art.error == "soft_404: the page says it was not found"


@pytest.mark.parametrize("title", ["Missing hiker could not be found after storm",
                                   "Hackers turn 404 pages into phishing lures"])
def test_an_article_whose_title_mentions_not_found_or_404_stays_an_article(settings, title):
    paras = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = page(f"<article><h1>{title}</h1>{paras}</article>").replace(
        "<title>Utility hit by ransomware</title>", f"<title>{title}</title>")
    art = extract_html(html, url="https://news.example.org/a", settings=settings)
    assert art.status is ExtractStatus.OK, art.error
