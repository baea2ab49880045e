"""Main text and metadata of a fetched page: ``extract_article(fetched, settings) -> Article``.

The stage is an ensemble of two extractors with a residue filter:

1. Parse the page once (trafilatura's tolerant loader) and check for soft blocks
   (:mod:`pipeline.softblock`): consent walls, captcha, paywalls and "enable JavaScript" pages
   become status ``blocked``.
2. Prune widget containers by structure: elements whose class/id *tokens* say comment,
   newsletter, share, related, teaser, cookie banner … (see ``_PRUNE_TOKENS``), unless they hold
   the article itself.
3. trafilatura (comments off, precision per settings, its slow internal fallback off) gives the
   first candidate. When that candidate is short, much shorter than the prose paragraphs on
   the page (truncated), or reads like a notice (reprint / copyright / cookie text),
   readability-lxml gives a second candidate and the two vote (``_vote``): the second wins
   when it is clearly longer and contains the first, or when the first is a notice or tiny.
4. A residue filter removes widget lines: comment counters and prompts, newsletter and
   subscription boxes, share bars, "read more" teasers, cookie notices, "related articles"
   lists. It works on structure and position (short lines, at the end of the text, runs of
   short lines) with cue words in many languages; see ``strip_residue``.
5. Metadata comes from the page head (JSON-LD, OpenGraph, meta tags, ``<link rel=canonical>``),
   with htmldate (quick mode) for a missing date, the visible byline for missing authors and
   the host name for a missing site name. The language is detected from the extracted text
   (script + function words), falling back to ``<html lang>`` / meta tags.

Per-item problems are statuses, never exceptions.
"""
from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from .records import Article, ExtractStatus, FetchResult, FetchStatus, stable_id
from .softblock import soft_block_from_tree

__all__ = ["extract_article", "extract_html", "extractor_name", "is_residue_line",
           "strip_residue"]

ENSEMBLE_VERSION = "ensemble-1"


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "unknown"


def extractor_name(settings: Any | None = None) -> str:
    """Producer and versions, e.g. ``trafilatura-2.3.1+readability-0.9/ensemble-1``."""
    second = getattr(getattr(settings, "extract", None), "second_extractor", True)
    return _extractor_name(bool(second))


@lru_cache(maxsize=4)
def _extractor_name(second: bool) -> str:
    name = f"trafilatura-{_pkg_version('trafilatura')}"
    if second:
        name += f"+readability-{_pkg_version('readability-lxml')}"
    return f"{name}/{ENSEMBLE_VERSION}"


# --------------------------------------------------------------------------- html -> text

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
    "figcaption", "br", "hr", "address", "center", "form", "fieldset", "caption", "tbody", "thead",
})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select",
                        "textarea", "iframe", "object", "embed", "head", "title", "meta", "link"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def html_to_text(el: etree._Element) -> str:
    """Visible text of an element, one line per block (paragraph, heading, list item)."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            if node.tail:
                out.append(node.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            out.append("\n")
        if tag == "td" or tag == "th":
            out.append(" ")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
        if block:
            out.append("\n")
        if node.tail:
            out.append(node.tail)

    tail = el.tail
    el.tail = None
    try:
        walk(el)
    finally:
        el.tail = tail
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- residue filter
#
# A residue line is a line of widget chrome: comment counters and prompts, newsletter boxes,
# share bars, teasers, cookie notices, ad labels, tag lists, copyright and reprint notices.
# The cue lists cover en, es, de, fr, it, pt, nl, ru, ja and a few more; structure does the
# rest: cues only count on short lines, teaser headings take the run of short title-like lines
# after them, and the end of the text is trimmed while it consists of residue.

_META_CHARS = set("\\()[]{}?*+|.^$")


def _required_literal(branch: str) -> str | None:
    """The longest literal run (lower case) that every match of a regex branch contains, or
    ``None`` when the branch has no such run of 3+ characters. Only depth-0 text counts;
    escapes, groups, classes and quantified characters end a run."""
    runs: list[str] = []
    cur: list[str] = []
    depth = 0
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\":
            runs.append("".join(cur))
            cur = []
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch not in _META_CHARS:
            nxt = branch[i + 1] if i + 1 < len(branch) else ""
            if nxt in ("?", "*", "{"):
                runs.append("".join(cur))
                cur = []
            else:
                cur.append(ch)
            i += 1
            continue
        runs.append("".join(cur))
        cur = []
        i += 1
    runs.append("".join(cur))
    best = max(runs, key=len)
    return best.lower() if len(best.strip()) >= 3 else None


class _Cues:
    """A case-insensitive alternation of cue phrases with a literal pre-check: the regex only
    runs on lines that contain a literal every match of some branch needs (a large speed-up
    over running ~80-branch alternations on every line)."""

    def __init__(self, *parts: str) -> None:
        literals = [_required_literal(p) for p in parts]
        with_lit = [p for p, lit in zip(parts, literals) if lit]
        without = [p for p, lit in zip(parts, literals) if not lit]
        self.regex = re.compile("|".join(with_lit), re.I) if with_lit else None
        self.rest = re.compile("|".join(without), re.I) if without else None
        self.literals = tuple(sorted({lit for lit in literals if lit}))

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        if self.rest is not None:
            m = self.rest.search(text)
            if m:
                return m
        if self.regex is None:
            return None
        low = text.lower() if low is None else low
        if not any(lit in low for lit in self.literals):
            return None
        return self.regex.search(text)


def _rx(*parts: str) -> _Cues:
    return _Cues(*parts)


_COMMENT_LABEL = re.compile(
    r"^\W*(\d+\s*)?(comments?|comentarios?|comentários?|kommentare?|commentaires?|commenti|"
    r"commento|reacties|reactie|komentarze?|komentáře|yorumlar|kommentarer|kommentit|"
    r"комментари[йяи]\w*|коментар\w*|コメント\w*|评论|評論|留言|댓글|tanggapan|komentar)"
    r"\W*(\(?\d+\)?)?\W*$",
    re.I)
# labels that are also ordinary headings ("Discussion" in a report): residue only at the end
_TAIL_LABEL = re.compile(
    r"^\W*(\d+\s*)?(discussion|diskussion|discusión|discussione|responses?|replies|respuestas|"
    r"réponses|reactions?|réactions|reacciones|debate|debatte)\W*(\(?\d+\)?)?\W*$", re.I)
_COMMENT_PROMPT = _rx(
    r"leave a (reply|comment)", r"post a comment", r"add (a|your) comment", r"write a comment",
    r"be the first to (comment|share|review|respond|reply)", r"(join|start) the (discussion|conversation)",
    r"loading comments", r"sé el primero en", r"soyez (le|la) premi[eè]re? à", r"sei (der|die) erste",
    r"seja o primeiro a", r"sii il primo a", r"будьте первым", r"最初のコメント",
    r"wees de eerste (die|om)", r"bądź pierwsz\w+", r"var först med att", r"ilk yorumu",
    r"(inicia|únete a|empieza) la conversación", r"(rejoignez|lancez) la (conversation|discussion)",
    r"entre na conversa", r"unisciti alla (conversazione|discussione)", r"присоединяйтесь к (обсуждению|дискуссии)",
    r"(view|show|read|see|hide) (all )?(\d+ )?comments", r"comments? (are|is) closed",
    r"comments powered by", r"log ?in to (post a )?comment", r"must be logged in to (post|comment)",
    r"your email address will not be published", r"want to join the discussion",
    r"tell us what you think", r"what do you think\?$", r"commenting as",
    r"sé el primero en comentar", r"únete a la conversación", r"comentando como",
    r"deja (un|tu) comentario", r"escribe (un|tu) comentario", r"añadir comentario",
    r"(schreiben sie|verfassen sie) (einen|den ersten) kommentar", r"kommentar (schreiben|verfassen)",
    r"kommentare (anzeigen|laden|lesen)", r"diskutieren sie mit",
    r"laisser un commentaire", r"soyez le premier à (commenter|réagir)", r"ajouter un commentaire",
    r"réagissez à cet article", r"lascia un commento", r"scrivi un commento",
    r"deixe (um|seu) comentário", r"seja o primeiro a comentar", r"escreva (um|seu) comentário",
    r"laat een reactie achter", r"оставьте комментарий", r"оставить комментарий",
    r"добавить комментарий", r"написать комментарий", r"комментарии закрыты",
    r"コメントを(書く|投稿|する|残す)", r"コメントする", r"tinggalkan balasan",
    r"dodaj komentarz", r"yorum yap",
    r"(logged|signed) in to (post a )?(comment|reply)", r"(register|sign in|log in) to (comment|reply)",
    r"comments? (are|is) (moderated|reviewed)", r"community guidelines", r"netiquette",
    r"angemeldet sein, um", r"um (einen )?kommentar zu (verfassen|schreiben|hinterlassen)",
    r"kommentare werden .{0,40}(geprüft|freigeschaltet|moderiert)",
    r"(debes|tienes que) (iniciar sesión|registrarte) para comentar", r"los comentarios (son|están) moderados",
    r"normas de (participación|la comunidad)",
    r"vous devez être connecté pour (commenter|publier|réagir)", r"les commentaires sont modérés",
    r"charte de (modération|bonne conduite)",
    r"devi (essere|effettuare) .{0,20}per (commentare|inviare)", r"i commenti sono moderati",
    r"precisa (estar logado|fazer login) para comentar", r"je moet ingelogd zijn om te reageren",
    r"для (комментирования|того чтобы оставить комментарий) (необходимо|нужно)",
    r"комментарии (проходят )?модер", r"コメントするには(ログイン|会員登録)",
)
_NEWSLETTER = _rx(
    r"newsletter", r"boletín", r"boletim", r"lettre d.information", r"infolettre",
    r"рассылк", r"ニュースレター", r"メルマガ", r"メールマガジン", r"nieuwsbrief",
)
_SUBSCRIBE = _rx(
    r"^\W*(sign up|subscribe|register|join|get|receive|don'?t miss)\b",
    r"delivered (straight |directly )?to your inbox", r"in your inbox", r"sign up (for|to|now)",
    r"subscribe (to|now|here|for)", r"suscr[ií]b(ete|ase|irse|irte)", r"abonnieren sie",
    r"jetzt (kostenlos )?abonnieren", r"abonnez-vous", r"inscrivez-vous", r"iscriviti",
    r"inscreva-se", r"^\W*assine", r"подпишитесь", r"подписаться на", r"(無料)?登録(する|はこちら)",
    r"click here to (subscribe|sign up|register)", r"\bissues for [£$€]",
)
_SHARE = _rx(
    r"^share( this| on| via|:|$)", r"share (it|this (story|article)) with", r"click to tweet",
    r"^(tweet|pin it|email|print|whatsapp|facebook|twitter|linkedin|telegram|reddit)$",
    r"^follow (us|@\w+|\w+ on (twitter|facebook|instagram))", r"follow .{0,60} on (facebook|twitter|"
    r"instagram|x|linkedin|telegram)", r"like us on facebook",
    r"^compart(ir|ilhe|ilhar|e)\b", r"^teilen\b", r"^partager\b", r"^condividi\b",
    r"^поделиться", r"シェアする", r"síguenos en", r"folgen sie uns", r"suivez-nous",
    r"seguici su", r"siga-nos", r"подписывайтесь на нас", r"читайте нас в",
)
_TEASER_HEAD = re.compile(
    r"^\W*(read more|see more|read also|also read|read next|related|related (posts?|articles?|"
    r"stories|coverage|content|news|topics)|recommended( for you)?|more on this( story)?|"
    r"more (stories|news|from [\w .'-]{1,40})|you (may|might) also like|most (read|popular|viewed)|"
    r"don'?t miss|must read|trending( now)?|top stories|popular (posts|stories)|"
    r"also on [\w.-]+|in other news|"
    r"leer m[aá]s|lee también|te puede interesar|también te puede interesar|noticias relacionadas|"
    r"m[aá]s noticias|art[ií]culos relacionados|lo m[aá]s le[ií]do|"
    r"lesen sie (auch|mehr)|mehr zum thema|auch interessant|das könnte sie (auch )?interessieren|"
    r"weitere artikel|meistgelesen|zum thema|"
    r"lire (aussi|la suite)|à lire (aussi|également)|sur le même sujet|vous aimerez aussi|"
    r"voir aussi|articles similaires|les plus lus|"
    r"leggi anche|potrebbe interessarti|articoli correlati|"
    r"leia (também|mais)|veja também|saiba mais|mais lidas|"
    r"lees ook|meer nieuws|"
    r"читайте также|смотрите также|по теме|читать далее|похожие (статьи|новости)|"
    r"関連記事|あわせて読みたい|こちらもおすすめ|おすすめ記事|人気記事|"
    r"相关(文章|阅读|新闻)|관련 기사|baca juga)\b\W*",
    re.I)
_TEASER_SEP = re.compile(r"[:|»>›\-–—.…]")
_COOKIE = _rx(
    r"(we|this (web)?site) uses? cookies", r"accept (all )?cookies", r"cookie (policy|settings)",
    r"utilizamos cookies", r"usamos cookies", r"este sitio (web )?utiliza cookies",
    r"wir verwenden cookies", r"diese website verwendet cookies", r"nous utilisons des cookies",
    r"ce site utilise des cookies", r"utilizziamo (i )?cookie", r"questo sito utilizza (i )?cookie",
    r"мы используем (файлы )?cookie", r"сайт использует (файлы )?cookie", r"クッキーを使用",
    r"cookieを使用",
)
_AD_LABEL = re.compile(
    r"^\W*(advertisement|advertising|sponsored( content)?|ad|ads|publicidad|publicidade|anuncio|"
    r"anzeige|werbung|publicité|pubblicità|реклама|広告|スポンサーリンク|pr)\W*$", re.I)
_META_TAIL = _rx(
    r"^(filed under|posted in|categories|category|tags|tagged|tagged with|topics|etiquetas|"
    r"categorías|schlagwörter|schlagworte|themen|mots[- ]clés|catégories|tag|argomenti|"
    r"temas|теги|метки|рубрики|タグ|カテゴリー?|标签)\b\s*[:|]?",
    r"for your personal,? non-commercial use only", r"order presentation-ready copies",
    r"reprints?( and permissions)?$",
    r"^(if you enjoyed this article|like this (story|article)|enjoyed this)",
    r"^(click|tap) here\b", r"\bclick here (to|for)\b",
)
_COPYRIGHT = _rx(
    r"^(copyright|©|\(c\))\s", r"all rights reserved", r"todos los derechos reservados",
    r"alle rechte vorbehalten", r"tous droits réservés", r"tutti i diritti riservati",
    r"todos os direitos reservados", r"все права защищены", r"無断転載", r"版权所有",
)
_READING_TIME = _rx(
    r"\b(min(ute)?s? read|reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|"
    r"tempo de (leitura|lettura)|время чтения|読了時間|leestijd)\b",
)
_DATE_LIKE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(19|20)\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d+\s*(年|月|日)|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_BYLINE = re.compile(r"^(by|von|par|por|di|door|от|автор)\s+\S", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"”»」』)]\s*$")
_WORD = re.compile(r"\w+")
_BRACKET_TAG = re.compile(r"\[[A-Z][A-Z ]{2,}\]\W*$")


_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def _words(line: str) -> int:
    n = len(_WORD.findall(line))
    if len(line) < 2 * n + 4:
        return n
    # CJK text has no spaces: count characters / 2 as "words"
    return max(n, len(_CJK_CHAR.findall(line)) // 2)


def is_residue_line(line: str) -> str | None:
    """The residue kind of one line of extracted text, or ``None`` for an article line.

    Kinds: comment, newsletter, share, teaser, cookie, ad, meta. Only short lines can be residue
    (a long paragraph that mentions a newsletter is article text).
    """
    s = line.strip()
    if not s or len(s) > 600:
        return None
    n = _words(s)
    if n > 40:
        return None
    if _COMMENT_LABEL.match(s):
        return "comment"
    if _AD_LABEL.match(s):
        return "ad"
    low = s.lower()
    newsletter = _NEWSLETTER.search(s, low)
    if n > 30:
        # a long line is residue only as a newsletter prompt
        return "newsletter" if newsletter and _SUBSCRIBE.search(s, low) else None
    if _COMMENT_PROMPT.search(s, low):
        return "comment"
    if _COOKIE.search(s, low):
        return "cookie"
    m = _TEASER_HEAD.match(s)
    if m and n <= 25 and (m.end() == len(s) or _TEASER_SEP.search(s[m.end(1):m.end()])
                          or _title_like(s)):
        return "teaser"
    if s.startswith("[") and s.endswith("]") and n <= 25 and _TEASER_HEAD.match(s[1:]):
        return "teaser"
    if newsletter and (n <= 12 or _SUBSCRIBE.search(s, low)):
        return "newsletter"
    if _SUBSCRIBE.search(s, low) and (_title_like(s) or _MAIL_WORD.search(low)
                                      or _IMPERATIVE_SUBSCRIBE.match(s)):
        return "newsletter"
    if n <= 20 and _SHARE.search(s, low):
        return "share"
    if _META_TAIL.search(s, low):
        return "meta"
    if n <= 12 and _COPYRIGHT.search(s, low):
        # a bare copyright line; a long notice ("… may not be published, broadcast …") is
        # part of agency copy and stays
        return "meta"
    return None


_IMPERATIVE_SUBSCRIBE = re.compile(
    r"^\W*(subscribe|sign up|suscr[ií]bete|abonnieren sie|abonnez-vous|inscrivez-vous|iscriviti|"
    r"inscreva-se|assine|подпишитесь)\b", re.I)
_MAIL_WORD = re.compile(r"newsletter|inbox|e-?mail|free|gratis|kostenlos|gratuit")


_END_PROMO = _rx(
    r"^\W*if you (enjoyed|liked|value|appreciate)", r"^\W*(enjoyed|liked) this (article|story|post)",
    r"support (our|independent) journalism", r"become a (member|subscriber|supporter)",
    r"^\W*follow (us|@\w+|\w+ on)", r"^\W*subscribe to", r"^\W*sign up (for|to)",
    r"^\W*(síguenos|folgen sie uns|suivez-nous|seguici|siga-nos|подписывайтесь)",
)
_CREDIT = _rx(
    r"contributed (reporting|to this (report|story|article))", r"(additional|further) reporting by",
    r"^\W*(reporting|editing|writing) by", r"^\W*(con|mit) (información|material) (de|von)",
    r"^\W*avec (afp|reuters|ap)\W*$",
)
_UPDATED = re.compile(r"^\W*(updated|posted|published|last updated|actualizado|aktualisiert|"
                      r"mis à jour|aggiornato|atualizado|обновлено|更新)\b", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_URL = re.compile(r"https?://\S+|www\.\S+")


def _tail_furniture(line: str) -> bool:
    """End-of-article furniture: promo lines, reporting credits, contact lines, update
    stamps, lines that are mostly links. Checked only at the end of the text."""
    n = _words(line)
    if n > 60:
        return False
    if _TAIL_LABEL.match(line):
        return True
    if _END_PROMO.search(line):
        return True
    if n <= 15 and (_CREDIT.search(line) or _EMAIL.search(line)):
        return True
    if n <= 8 and _UPDATED.match(line) and _DATE_LIKE.search(line):
        return True
    urls = sum(len(u) for u in _URL.findall(line))
    return n <= 20 and urls > 0 and urls >= 0.4 * len(line)


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", s).lower()))


def _title_like(line: str) -> bool:
    """A short line without sentence punctuation: a heading, a teaser title, a label."""
    s = line.strip()
    return _words(s) <= 18 and not _SENTENCE_END.search(s)


def strip_residue(text: str, *, title: str | None = None) -> str:
    """Remove widget residue lines from extracted text (see module docstring).

    * anywhere: lines with a residue cue (``is_residue_line``); after a bare teaser heading
      ("Related", "Lesen Sie auch", "関連記事" …) the run of short title-like lines it introduces;
    * at the start: the headline (when equal to ``title``), date / byline / reading-time lines;
    * at the end: residue lines and short label-like lines (no sentence punctuation) next to them.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    kinds = [is_residue_line(ln) for ln in lines]
    keep = [k is None for k in kinds]

    # teaser headings: drop the run of short title-like lines they introduce
    for i, (ln, k) in enumerate(zip(lines, kinds)):
        if k != "teaser":
            continue
        head_only = _TEASER_HEAD.sub("", ln).strip(" :|»>-–—") == "" or _title_like(ln)
        if not head_only:
            continue
        j = i + 1
        while j < len(lines) and j <= i + 8 and _title_like(lines[j]) and _words(lines[j]) >= 2:
            keep[j] = False
            j += 1
    # inline bracketed teaser tags ("Headline [VIDEO]") in runs of title-like lines
    for i, ln in enumerate(lines):
        if _BRACKET_TAG.search(ln) and _words(ln) <= 25:
            keep[i] = False

    # start: headline, date / byline / reading time (only the first 3 lines)
    ntitle = _norm(title) if title else ""
    for i in range(min(3, len(lines))):
        ln = lines[i]
        nl = _norm(ln)
        if ntitle and nl and (nl == ntitle or (len(nl) > 20 and (ntitle.startswith(nl)
                                                               or nl.startswith(ntitle)))):
            keep[i] = False
            continue
        if _words(ln) <= 14 and not _SENTENCE_END.search(ln) and (
                _READING_TIME.search(ln) or _BYLINE.match(ln)
                or (_words(ln) <= 10 and _DATE_LIKE.search(ln) and parse_date(ln))):
            keep[i] = False
            continue
        if keep[i]:
            break

    # end: trim residue and end-of-article furniture; a short label line right before a
    # residue line goes with it ("Tags" before the tag list), but labels do not chain
    end = len(lines)
    labels = 0
    orphan_done = False
    while end > 0:
        i = end - 1
        if not keep[i]:
            end -= 1
            continue
        ln = lines[i]
        if _tail_furniture(ln):
            keep[i] = False
            end -= 1
            continue
        if (labels < 2 and i + 1 < len(lines) and kinds[i + 1] is not None
                and _title_like(ln) and _words(ln) <= 4):
            keep[i] = False
            labels += 1
            end -= 1
            continue
        # an orphan heading as the last line ("More Great Stories", "Voltar"): a heading with
        # nothing under it, after a complete paragraph (a list of short lines stays)
        prev = next((lines[j] for j in range(i - 1, -1, -1) if keep[j]), "")
        if (not orphan_done and _title_like(ln) and _words(ln) <= 8 and not ln.startswith("- ")
                and prev and _SENTENCE_END.search(prev) and _words(prev) > 8):
            keep[i] = False
            orphan_done = True
            end -= 1
            continue
        break
    for i in range(end, len(lines)):
        keep[i] = False
    return "\n".join(ln for ln, k in zip(lines, keep) if k)


# --------------------------------------------------------------------------- structural pruning

_ATTR_SPLIT = re.compile(r"[\s_\-:.]+")
# class/id tokens of widget containers (whole tokens: "share", not "shared-content")
_PRUNE_TOKENS = frozenset({
    "comment", "comments", "commentlist", "disqus", "respond", "replies",
    "newsletter", "newsletters", "subscribe", "subscription", "signup", "optin",
    "share", "shares", "sharing", "sharebar", "sharetools", "social", "socials", "sociallinks",
    "related", "relatedposts", "recommended", "recommendations", "recirc", "recirculation",
    "readmore", "readnext", "outbrain", "taboola", "zergnet", "promo", "promotion",
    "cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "didomi",
    "breadcrumb", "breadcrumbs", "tags", "tagcloud", "taglist", "trending", "popular", "mostread",
    "advert", "advertisement", "ads", "adslot", "sponsored",
    # the same widgets named in other languages
    "kommentar", "kommentare", "leserkommentare", "commentaire", "commentaires", "comentario",
    "comentarios", "comentarios", "comentários", "commenti", "commento", "reacties", "reactie",
    "komentarze", "komentar", "kommentarer", "teilen", "partager", "partage", "compartir",
    "condividi", "delen", "relacionados", "relacionadas", "correlati", "similaires",
    "gerelateerd", "verwandte", "empfehlungen", "abonnement", "suscripcion", "iscrizione",
})
_PRUNE_PAIRS = frozenset({("read", "more"), ("more", "stories"), ("most", "read"),
                          ("also", "read"), ("more", "from"), ("you", "may"), ("read", "next"),
                          ("post", "tags"), ("author", "box")})
_KEEP_TAGS = frozenset({"html", "body", "main"})


_ATTR_VALUES = etree.XPath("//@class | //@id", smart_strings=False)
_PRUNE_TOKENS_AND_PAIR_HEADS = _PRUNE_TOKENS | {a for a, _ in _PRUNE_PAIRS}


def _prune_widgets(root: etree._Element, prose: int) -> int:
    """Drop widget containers (by class/id tokens) that hold little of the page's prose.

    Class and id values are matched by whole tokens ("share-bar" but not "shared"), so a
    layout class such as "l-article-body" never matches. Returns the number of elements
    removed; ``prose`` is the page's prose char count (:func:`pipeline.softblock.prose_chars`).
    """
    raw_values = [v for v in set(_ATTR_VALUES(root)) if "|" not in v]
    low_blob = "\n".join(raw_values).lower()
    hit = set(_ATTR_SPLIT.split(low_blob)) & _PRUNE_TOKENS_AND_PAIR_HEADS
    if not hit:
        return 0
    values = set()
    hit_rx = re.compile("|".join(sorted(hit)), re.I)   # tokens are plain words
    for v in raw_values:
        if not hit_rx.search(v):
            continue
        toks = _ATTR_SPLIT.split(v.lower())
        if any(t in _PRUNE_TOKENS for t in toks) or any(
                (a, b) in _PRUNE_PAIRS for a, b in zip(toks, toks[1:])):
            values.add(v)
    if not values:
        return 0
    victims = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag in _KEEP_TAGS:
            continue
        c = el.get("class")
        if c is not None and c in values:
            victims.append(el)
            continue
        i = el.get("id")
        if i is not None and i in values:
            victims.append(el)
    removed = 0
    limit = max(200, 0.25 * prose)
    body = root.find(".//*[@itemprop='articleBody']")
    protected = set(body.iterancestors()) | {body} if body is not None else set()
    for el in victims:
        if el in protected or el.getparent() is None:
            continue      # holds the marked article body
        if el.getroottree().getroot() is not root:
            continue      # already gone with a dropped ancestor
        # never drop a container that holds much of the page's prose
        if len(_STRING(el)) > limit and sum(len(p.text_content()) for p in el.iter("p")) > limit:
            continue
        el.drop_tree()
        removed += 1
    return removed


_STRING = etree.XPath("string(.)", smart_strings=False)


# --------------------------------------------------------------------------- extractors

def _parse(html: str) -> etree._Element | None:
    from trafilatura.utils import load_html
    try:
        tree = load_html(html)
    except (ValueError, TypeError, etree.ParserError):
        return None
    if tree is None or len(tree) == 0:
        return None
    return tree


def _trafilatura_text(tree: etree._Element, url: str | None, settings: Any) -> str:
    from trafilatura import bare_extraction
    from trafilatura.xml import xmltotxt

    ex = settings.extract
    doc = bare_extraction(
        tree, url=url, fast=True, include_comments=ex.include_comments,
        favor_precision=ex.favor_precision, include_tables=True, with_metadata=False,
    )
    if doc is None or doc.body is None:
        return ""
    return xmltotxt(doc.body, False) or ""


def _readability_text(tree: etree._Element, url: str | None) -> str:
    from readability import Document

    try:
        summary = Document(tree, url=url).summary(html_partial=True)   # modifies tree
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd pages
        return ""
    if not summary or not summary.strip():
        return ""
    try:
        frag = lxml.html.fragment_fromstring(summary)
    except (etree.ParserError, ValueError):
        return ""
    return html_to_text(frag)


_NOTICE = _rx(
    r"for your personal,? non-commercial use", r"presentation-ready copies", r"reprints?\b",
    r"all rights reserved", r"\bcookies?\b", r"enable javascript", r"subscribe", r"sign in",
    r"log in", r"page (not|could not be) found", r"\b404\b", r"access denied",
)


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = _WORD.findall(text)
    return {tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1))} if toks else set()


@dataclass(frozen=True)
class _Choice:
    text: str
    producer: str
    reason: str


def _looks_like_notice(text: str) -> bool:
    return len(text) < 600 and bool(_NOTICE.search(text))


def _needs_second(first: str, prose: int, min_chars: int) -> bool:
    """Is the first candidate short, truncated against the page's prose, or a notice?"""
    n = len(first)
    if n < max(min_chars, 500):
        return True
    if prose > 1500 and n < 0.6 * prose:
        return True
    return _looks_like_notice(first)


def _vote(first: str, second: str, *, prose: int, min_chars: int) -> _Choice:
    """Pick between trafilatura's text (``first``) and readability's (``second``)."""
    if not second.strip():
        return _Choice(first, "trafilatura", "second empty")
    if not first.strip():
        return _Choice(second, "readability", "first empty")
    a, b = _shingles(first), _shingles(second)
    contained = len(a & b) / max(1, len(a))     # share of the first text found in the second
    if len(second) >= 1.3 * len(first):
        if contained >= 0.6:
            return _Choice(second, "readability", "first truncated")
        if len(first) < min_chars or _looks_like_notice(first):
            return _Choice(second, "readability", "first short or a notice")
    return _Choice(first, "trafilatura", "first kept")


def _edge_line(line: str) -> bool:
    """A heading-like line that may be a teaser title when it sits at an edge of the text."""
    return (_title_like(line) and 3 <= _words(line) <= 15 and not line.startswith("- ")
            and not _DATE_LIKE.fullmatch(line))


def _edge_runs(text: str) -> tuple[int, int]:
    """How many heading-like lines open and close the text, counted only when there are at
    least two of them in a row (one heading alone is normal)."""
    lines = text.split("\n")
    if len(lines) < 5:
        return 0, 0
    lead = 0
    while lead < min(4, len(lines) - 2) and _edge_line(lines[lead]):
        lead += 1
    tail = 0
    while tail < min(8, len(lines) - 2) and _edge_line(lines[len(lines) - 1 - tail]):
        tail += 1
    return (lead if lead >= 2 else 0), (tail if tail >= 2 else 0)


def _confirm_edges(text: str, second: str) -> str:
    """Drop edge runs of heading-like lines that the second extractor's text lacks, provided
    the second extractor found the same article (most of the text's shingles)."""
    lead, tail = _edge_runs(text)
    if not second or not (lead or tail):
        return text
    a, b = _shingles(text), _shingles(second)
    if len(a & b) < 0.6 * len(a):
        return text
    other = " " + _norm(second) + " "
    lines = text.split("\n")
    keep = [True] * len(lines)
    for i in list(range(lead)) + list(range(len(lines) - tail, len(lines))):
        if " " + _norm(lines[i]) + " " not in other:
            keep[i] = False
    return "\n".join(ln for ln, k in zip(lines, keep) if k)


# --------------------------------------------------------------------------- metadata

_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
                  "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "report",
                  "techarticle", "scholarlyarticle", "liveblogposting", "posting",
                  "socialmediaposting", "webpage", "creativework"}
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title"),
    "site": ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
                  "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "article.published",
                  "citation_publication_date", "og:published_time", "published_time"),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "last-modified",
                 "dcterms.modified", "article.updated", "og:modified_time", "modified_time"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
               "byl", "citation_author", "twitter:creator"),
    "language": ("og:locale", "content-language", "dc.language", "language", "inlanguage"),
}
_KEY_OF = {k: field for field, keys in _META_KEYS.items() for k in keys}
_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january", "enero", "januar", "janvier", "gennaio", "janeiro", "января", "январь"),
    ("feb", "february", "febrero", "februar", "février", "febbraio", "fevereiro", "февраля"),
    ("mar", "march", "marzo", "märz", "mars", "março", "марта"),
    ("apr", "april", "abril", "avril", "aprile", "апреля"),
    ("may", "mayo", "mai", "maggio", "maio", "мая"),
    ("jun", "june", "junio", "juni", "juin", "giugno", "junho", "июня"),
    ("jul", "july", "julio", "juli", "juillet", "luglio", "julho", "июля"),
    ("aug", "august", "agosto", "août", "августа"),
    ("sep", "sept", "september", "septiembre", "septembre", "settembre", "setembro", "сентября"),
    ("oct", "october", "octubre", "oktober", "octobre", "ottobre", "outubro", "октября"),
    ("nov", "november", "noviembre", "novembre", "novembro", "ноября"),
    ("dec", "december", "diciembre", "dezember", "décembre", "dicembre", "dezembro", "декабря"),
), 1) for m in names}
_ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b")
_CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MDY_WORDS = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b")
_DMY_WORDS = re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]{3,10})\.?,?\s+(?:de\s+)?((?:19|20)\d{2})\b")
_COMPACT_DATE = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T|\b)")


def parse_date(value: Any) -> date | None:
    """A ``date`` from the common date notations of meta tags and JSON-LD, else ``None``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    candidates: list[tuple[int, int, int]] = []
    m = _ISO_DATE.search(s) or _COMPACT_DATE.match(s)
    if m:
        candidates.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = _CJK_DATE.search(s)
    if m:
        candidates.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    m = _MDY_WORDS.search(s)
    if m and m.group(1).lower() in _MONTHS:
        candidates.append((int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    m = _DMY_WORDS.search(s)
    if m and m.group(2).lower() in _MONTHS:
        candidates.append((int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    m = _DMY_DATE.search(s)
    if m:
        candidates.append((int(m.group(3)), int(m.group(2)), int(m.group(1))))
        candidates.append((int(m.group(3)), int(m.group(1)), int(m.group(2))))   # US order
    for y, mo, d in candidates:
        try:
            out = date(y, mo, d)
        except ValueError:
            continue
        if date(1995, 1, 1) <= out <= date.today().replace(year=date.today().year + 1):
            return out
    return None


def _iter_jsonld(root: etree._Element) -> Iterable[dict]:
    for s in root.iter("script"):
        if (s.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (s.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                if "@graph" in d:
                    stack.append(d["@graph"])
                yield d


def _ld_types(d: dict) -> set[str]:
    t = d.get("@type")
    items = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in items if x}


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value (str, dict, list)."""
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for it in items:
        if isinstance(it, dict):
            it = it.get("name")
        if isinstance(it, list):
            out.extend(_names(it))
        elif isinstance(it, str):
            out.append(it)
    return out


_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|&|\|)\s*", re.I)
_AUTHOR_PREFIX = re.compile(r"^(by|von|par|por|di|door|от|автор:?)\s+", re.I)


_ROLE_WORDS = re.compile(
    r"\b(writer|correspondent|reporter|editor|editors|staff|contributor|columnist|news desk|"
    r"newsroom|redacción|redaktion|rédaction|redazione|redação|associated press|reuters|afp|"
    r"dpa|efe|ansa)\b", re.I)


def _clean_authors(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = _SPACES.sub(" ", html_lib.unescape(v or "")).strip()
        if not v or v.startswith(("http://", "https://", "@", "/")):
            continue
        v = _AUTHOR_PREFIX.sub("", v)
        for part in _AUTHOR_SPLIT.split(v):
            part = part.strip(" .,-–—")
            if 2 <= len(part) <= 60 and _WORD.search(part) and part not in out \
                    and not re.search(r"\d{3,}|@|www\.", part) \
                    and not (out and _ROLE_WORDS.search(part)):
                out.append(part)
    return tuple(out[:10])


_LANG_CODE = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    m = _LANG_CODE.match(value.split(",")[0])
    if not m:
        return None
    code = m.group(1).lower()
    return code if len(code) == 2 else None


@dataclass
class _Meta:
    title: str | None = None
    site: str | None = None
    description: str | None = None
    published: date | None = None
    modified: date | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    canonical: str | None = None


def _metadata(root: etree._Element, url: str | None) -> _Meta:
    meta = _Meta()
    found: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
               or "").strip().lower()
        content = m.get("content")
        if not key or not content or not content.strip():
            continue
        field = _KEY_OF.get(key)
        if field is None:
            continue
        if field == "author" and field in found:
            found[field] += "; " + content.strip()
        elif field not in found or (_META_KEYS[field].index(key) <
                                    _META_KEYS[field].index(found[field + "#key"])):
            found[field] = content.strip()
            found[field + "#key"] = key

    ld_authors: list[str] = []
    for d in _iter_jsonld(root):
        types = _ld_types(d)
        if not types & _ARTICLE_TYPES:
            continue
        main = bool(types - {"webpage", "creativework"})
        def take(field: str, value: Any) -> None:
            if isinstance(value, str) and value.strip() and (main or field not in found):
                found.setdefault("ld_" + field, value.strip())
        take("title", d.get("headline") or d.get("name"))
        take("published", d.get("datePublished") or d.get("dateCreated"))
        take("modified", d.get("dateModified"))
        take("description", d.get("description"))
        lang = d.get("inLanguage")
        take("language", lang if isinstance(lang, str) else None)
        pub = d.get("publisher")
        if isinstance(pub, dict):
            take("site", pub.get("name"))
        if main and d.get("author") and not ld_authors:
            ld_authors = _names(d.get("author"))

    title_el = root.find(".//title")
    html_title = _SPACES.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    h1 = root.find(".//h1")
    h1_text = _SPACES.sub(" ", h1.text_content()).strip() if h1 is not None else ""

    meta.site = found.get("site") or found.get("ld_site")
    if meta.site and meta.site.startswith("@"):
        meta.site = meta.site[1:]
    title = found.get("ld_title") or found.get("title") or h1_text or html_title or None
    if title and meta.site:
        # "Headline | Site" / "Headline - Site"
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if title.endswith(sep + meta.site):
                title = title[: -len(sep + meta.site)]
    meta.title = _SPACES.sub(" ", html_lib.unescape(title)).strip() if title else None
    meta.description = found.get("description") or found.get("ld_description")
    if meta.description:
        meta.description = _SPACES.sub(" ", html_lib.unescape(meta.description)).strip()
    if meta.site:
        meta.site = _SPACES.sub(" ", html_lib.unescape(meta.site)).strip()
    meta.published = parse_date(found.get("ld_published")) or parse_date(found.get("published"))
    meta.modified = parse_date(found.get("ld_modified")) or parse_date(found.get("modified"))
    if meta.modified and meta.published and meta.modified < meta.published:
        meta.modified = None
    if meta.published is None:
        for t in root.iter("time"):
            meta.published = parse_date(t.get("datetime") or t.text_content())
            if meta.published:
                break
    meta.authors = _clean_authors(ld_authors or ([found["author"]] if "author" in found else []))
    meta.language = (_lang_code(root.get("lang") or root.get("xml:lang"))
                     or _lang_code(found.get("ld_language")) or _lang_code(found.get("language")))
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            meta.canonical = _good_canonical(link.get("href"), url)
            break
    if meta.canonical is None and found.get("og:url#key") is None:
        for m in root.iter("meta"):
            if (m.get("property") or "").lower() == "og:url" and m.get("content"):
                meta.canonical = _good_canonical(m.get("content"), url)
                break
    return meta


def _good_canonical(href: str, url: str | None) -> str | None:
    """An absolute http(s) canonical URL, or ``None`` when it is unusable (a site's home page
    given as the canonical of an article, a relative link without a base URL, junk)."""
    href = href.strip()
    if url and url.startswith(("http://", "https://")):
        href = urljoin(url, href)
    parts = urlsplit(href)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if url:
        up = urlsplit(url)
        if up.scheme in ("http", "https") and parts.path in ("", "/") and up.path not in ("", "/"):
            return None
    return href


_AUTHOR_XPATH = etree.XPath(
    "//*[@itemprop='author'] | //a[@rel='author'] | //*[@rel='author']")
_BYLINE_XPATH = etree.XPath(
    "//body//*[contains(@class, 'byline') or contains(@class, 'author') or contains(@class, 'autor')"
    " or contains(@class, 'auteur') or contains(@class, 'meta') or contains(@class, 'posted')]")
_BYLINE_NAME = re.compile(
    r"(?:^|[\s|·•,])(?i:by|von|par|por|di|door|от|автор:?)\s+"
    r"([A-ZÀ-ÝА-Я][\w'’.-]+(?:\s+(?:van|von|de|der|den|da|di|del|la|le)?\s*[A-ZÀ-ÝА-Я][\w'’.-]+){0,3})")


def _byline_authors(tree: etree._Element) -> tuple[str, ...]:
    """Author names from a visible byline ("By Jane Doe", "Von Miriam Kessler")."""
    for el in _BYLINE_XPATH(tree)[:20]:
        text = _SPACES.sub(" ", el.text_content()).strip()
        if not text or len(text) > 200:
            continue
        m = _BYLINE_NAME.search(text)
        if m:
            return _clean_authors([m.group(1)])
    return ()


def _fallback_metadata(tree: etree._Element, url: str | None, meta: _Meta) -> None:
    """Fill what the head did not give: the date with htmldate (quick search: URL, time
    elements, visible date patterns), authors from ``itemprop=author`` / ``rel=author``
    markup, the site from the host name."""
    if meta.published is None:
        try:
            from htmldate import find_date

            found = find_date(tree, url=url, extensive_search=False, outputformat="%Y-%m-%d")
        except Exception:  # noqa: BLE001 - metadata is best-effort
            found = None
        meta.published = parse_date(found)
        if meta.modified and meta.published and meta.modified < meta.published:
            meta.modified = None
    if not meta.authors:
        names = []
        for el in _AUTHOR_XPATH(tree)[:6]:
            name_el = el.find(".//*[@itemprop='name']")
            value = (name_el.get("content") or name_el.text_content()) if name_el is not None \
                else (el.get("content") or el.text_content())
            if value and len(value.strip()) <= 80:
                names.append(value)
        meta.authors = _clean_authors(names) or _byline_authors(tree)
    if not meta.site and url:
        host = urlsplit(url).hostname or ""
        meta.site = host[4:] if host.startswith("www.") else (host or None)


# --------------------------------------------------------------------------- language

_STOPWORDS = {
    "en": "the and of to in is that for it with was on as are be by this have from at not",
    "es": "el la de que y en los se del las por un una para con no es al lo como más",
    "pt": "de que e o da do em um para com não uma os no se na por mais as dos",
    "fr": "le la de et les des est un une du en que qui dans pour pas au sur ce avec",
    "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch",
    "it": "il di che e la per un una del non della sono le con si alla gli anche",
    "nl": "de het een en van is dat op te in niet zijn met voor er maar ook aan",
    "id": "yang dan di dari ini itu dengan untuk dalam tidak akan pada adalah ke juga",
    "pl": "i w na nie z się to że do jest jak po przez ale tak od",
    "tr": "ve bir bu da de için ile olarak çok daha gibi ne ama olan",
    "sv": "och att det som en på är av för med till den har inte om",
}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


_SCRIPTS = {
    "kana": re.compile(r"[\u3040-\u30ff]"), "han": re.compile(r"[\u4e00-\u9fff]"),
    "hangul": re.compile(r"[\uac00-\ud7af]"), "cyr": re.compile(r"[\u0400-\u04ff]"),
    "arab": re.compile(r"[\u0600-\u06ff]"), "greek": re.compile(r"[\u0370-\u03ff]"),
    "hebr": re.compile(r"[\u0590-\u05ff]"), "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of a text from its script and common words (a light, offline detector)."""
    sample = text[:1500]
    if not sample.strip():
        return None
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS.items()}
    total = sum(counts.values()) or 1
    if counts["kana"] > 0.05 * total:
        return "ja"
    if counts["hangul"] > 0.2 * total:
        return "ko"
    if counts["han"] > 0.3 * total:
        return "zh"
    if counts["cyr"] > 0.4 * total:
        low = sample.lower()
        return "uk" if sum(low.count(c) for c in "їєґі") > 0.01 * counts["cyr"] else "ru"
    for script, code in (("arab", "ar"), ("greek", "el"), ("hebr", "he"), ("thai", "th")):
        if counts[script] > 0.4 * total:
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _STOPSETS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= max(2, 0.08 * len(words)) else None


# --------------------------------------------------------------------------- public API

def _article(url: str, status: ExtractStatus, settings: Any, *, error: str | None = None,
             **fields: Any) -> Article:
    ident = fields.get("canonical_url") or url
    return Article(article_id=stable_id(ident), url=url, status=status,
                   extractor=extractor_name(settings), error=error, **fields)


def extract_html(html: str, *, url: str | None = None, settings: Any) -> Article:
    """Extract the main text and metadata of one HTML page (never raises per page).

    ``url`` is the page's address (used for the article id, relative canonical links and
    trafilatura's URL-based rules). Without one, the article's ``url`` is the page's canonical
    URL if it declares one, else ``html:<sha256 prefix of the page>``.
    """
    ex = settings.extract
    ident_url = url or ("html:" + stable_id(html or ""))
    try:
        return _extract(html, url, ident_url, settings, ex)
    except Exception as err:  # noqa: BLE001 - per-item failures are statuses, not exceptions
        return _article(ident_url, ExtractStatus.EMPTY, settings,
                        error=f"extraction failed: {type(err).__name__}: {err}"[:500])


def _extract(html: str, url: str | None, ident_url: str, settings: Any, ex: Any) -> Article:
    if not html or not html.strip():
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="empty page")
    tree = _parse(html)
    if tree is None:
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="unparseable HTML")

    from .softblock import prose_chars
    prose = prose_chars(tree)
    meta = _metadata(tree, url)
    if not meta.published or not meta.authors or not meta.site:
        _fallback_metadata(tree, url, meta)
    if url is None and meta.canonical:
        ident_url = meta.canonical      # a saved page without a URL: its declared address
    fields: dict[str, Any] = dict(
        canonical_url=meta.canonical, title=meta.title, authors=meta.authors,
        published=meta.published, modified=meta.modified, site=meta.site,
        description=meta.description, language=meta.language,
    )
    reason = soft_block_from_tree(tree, url=url, raw=html, prose=prose)
    if reason is not None:
        return _article(ident_url, ExtractStatus.BLOCKED, settings, error=reason, **fields)

    work = tree   # metadata and soft-block checks are done: prune in place
    _prune_widgets(work, prose)
    first = _trafilatura_text(work, url, settings)
    choice = _Choice(first, "trafilatura", "single")
    second: str | None = None
    if ex.second_extractor and _needs_second(first, prose, ex.min_text_chars):
        second = _readability_text(work, url)
        choice = _vote(first, second, prose=prose, min_chars=ex.min_text_chars)
    text = strip_residue(choice.text, title=meta.title)
    if ex.second_extractor and choice.producer == "trafilatura" and _edge_runs(text) != (0, 0):
        # short heading-like lines at the edges (related-article titles, teasers): keep only
        # those the second extractor also has
        if second is None:
            second = _readability_text(work, url)
        text = _confirm_edges(text, second)
    # the language of the article text: a site in one language may carry articles in another
    fields["language"] = (detect_language(text) if text else None) or fields["language"]
    if not text.strip():
        return _article(ident_url, ExtractStatus.EMPTY, settings, error="no main text", **fields)
    if len(text) < ex.min_text_chars:
        return _article(ident_url, ExtractStatus.TOO_SHORT, settings, text=text,
                        error=f"{len(text)} chars < min_text_chars={ex.min_text_chars}", **fields)
    return _article(ident_url, ExtractStatus.OK, settings, text=text, **fields)


def extract_article(fetched: FetchResult, settings: Any) -> Article:
    """The article of one fetch result: status ``skipped_fetch_failed`` when the fetch did not
    succeed, ``blocked`` for walls (found here or already by the fetch stage; ``error`` holds
    the reason), ``empty`` / ``too_short`` when no usable text was found."""
    url = fetched.final_url or fetched.url
    if fetched.status is FetchStatus.BLOCKED:
        # the fetch stage already saw a wall (it runs pipeline.softblock too)
        return Article(article_id=stable_id(url), url=url, status=ExtractStatus.BLOCKED,
                       extractor=extractor_name(settings), error=fetched.error or "blocked")
    if not fetched.ok:
        return Article(article_id=stable_id(url), url=url,
                       status=ExtractStatus.SKIPPED_FETCH_FAILED, extractor=extractor_name(settings),
                       error=f"fetch {fetched.status.value}" + (f": {fetched.error}"
                                                                 if fetched.error else ""))
    if not fetched.html:
        return Article(article_id=stable_id(url), url=url, status=ExtractStatus.EMPTY,
                       extractor=extractor_name(settings), error="fetch returned no HTML")
    page_url = url if url.startswith(("http://", "https://")) else None
    art = extract_html(fetched.html, url=page_url, settings=settings)
    if art.url != url:
        # keep the fetch URL as the article's URL (file:// inputs have no page URL)
        ident = art.canonical_url or url
        import dataclasses
        art = dataclasses.replace(art, url=url, article_id=stable_id(ident))
    return art
