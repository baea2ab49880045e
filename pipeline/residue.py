"""Line-level residue filter: ``strip_residue(text, title=...)`` and ``is_residue_line(line)``.

A residue line is a line of widget chrome: comment counters and prompts, newsletter boxes,
share bars, teasers, cookie notices, ad labels, tag lists, copyright and reprint notices.
The cue lists cover en, es, de, fr, it, pt, nl, ru, ja and a few more; structure does the
rest: cues only count on short lines, teaser headings take the run of short title-like lines
after them, and the end of the text is trimmed while it consists of residue.

Used by :mod:`pipeline.extract` on the text of the chosen extractor (both names are
re-exported there).
"""
from __future__ import annotations

import re
import unicodedata

from .metadata import parse_date

__all__ = ["is_residue_line", "strip_residue"]

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
    """A case-insensitive alternation of cue phrases with a literal pre-check: a branch only
    runs on lines that contain the literal every match of it needs, and only the branches of
    the literals found run (a large speed-up over running ~80-branch alternations on every
    line: "comment" alone is in many article lines)."""

    def __init__(self, *parts: str) -> None:
        literals = [_required_literal(p) for p in parts]
        by_literal: dict[str, list[str]] = {}
        for p, lit in zip(parts, literals):
            if lit:
                by_literal.setdefault(lit, []).append(p)
        without = [p for p, lit in zip(parts, literals) if not lit]
        self.rest = re.compile("|".join(without), re.I) if without else None
        self.branches = tuple((lit, re.compile("|".join(ps), re.I))
                              for lit, ps in sorted(by_literal.items()))
        self.literals = tuple(lit for lit, _ in self.branches)

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """A match of some branch in ``text`` (not necessarily the leftmost), else ``None``."""
        if self.rest is not None:
            m = self.rest.search(text)
            if m:
                return m
        if not self.branches:
            return None
        low = text.lower() if low is None else low
        for lit, regex in self.branches:
            if lit in low:
                m = regex.search(text)
                if m:
                    return m
        return None


def _rx(*parts: str) -> _Cues:
    return _Cues(*parts)


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (``a|b(c|d)|[|]`` -> ``a``, ``b(c|d)``, ``[|]``)."""
    out: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":                       # a class: up to its closing bracket
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _cues(pattern: str) -> _Cues:
    """A case-insensitive regex written as one alternation, as :class:`_Cues`."""
    return _Cues(*_branches(pattern))


_COMMENT_LABEL = re.compile(
    r"^\W*(\d+\s*)?(comments?|comentarios?|comentários?|kommentare?|commentaires?|commenti|"
    r"commento|reacties|reactie|komentarze?|komentáře|yorumlar|kommentarer|kommentit|"
    r"комментари[йяи]\w*|коментар\w*|コメント\w*|评论|評論|留言|댓글|tanggapan|komentar|"
    # Romanian, Hungarian, Croatian/Serbian/Slovene/Slovak, Baltic, Estonian, Catalan, Basque,
    # Greek, Hebrew, Arabic, Vietnamese, Dutch/German variants, and the bare comment buttons
    r"comentarii|hozzászólások|hozzászólás|komentari|komentarji|komentáre|komentāri|komentarai|"
    r"kommentaarid|comentaris|iruzkinak|σχόλια|תגובות|تعليقات|bình luận|commentaren|"
    r"leserkommentare|kommentieren|comentar|commenter|commentare|reageer|skomentuj|"
    r"komentovat|kommentera)"
    r"\W*(\(?\d+\)?)?\W*$",
    re.I)
# a discussion label with a count ("Diskuse (0)", "Discussione 4") is a comment widget too
_COUNTED_TAIL_LABEL = re.compile(
    r"^\W*(\d+\s*(discussion|diskussion|discusión|discussione|discussão|discussie|diskuse|"
    r"diskusia|dyskusja|keskustelu|responses?|replies|respuestas|réponses|reactions?|réactions|"
    r"reacciones|reaktionen|opinie|opiniones)|(discussion|diskussion|discusión|discussione|"
    r"discussão|discussie|diskuse|diskusia|dyskusja|keskustelu|responses?|replies|respuestas|"
    r"réponses|reactions?|réactions|reacciones|reaktionen|opinie|opiniones)\W*\(?\d+\)?)\W*$",
    re.I)
# labels that are also ordinary headings ("Discussion" in a report): residue only at the end
_TAIL_LABEL = re.compile(
    r"^\W*(\d+\s*)?(discussion|diskussion|discusión|discussione|discussão|discussie|diskuse|"
    r"diskusia|dyskusja|keskustelu|responses?|replies|respuestas|réponses|reactions?|réactions|"
    r"reacciones|reaktionen|debate|debatte)\W*(\(?\d+\)?)?\W*$", re.I)
_COMMENT_PROMPT = _rx(
    r"leave a (reply|comment)", r"post a comment", r"add (a|your) comment", r"write a comment",
    r"be the first to (comment|share|review|respond|reply)", r"(join|start) the (discussion|conversation)",
    r"loading comments", r"sé el primero en", r"soyez (le|la) premi[eè]re? à", r"sei (der|die) erste",
    r"seja o primeiro a", r"sii il primo a", r"будьте первым", r"最初のコメント",
    r"wees de eerste (die|om)", r"bądź pierwsz\w+", r"var först med att", r"ilk yorumu",
    r"(inicia|únete a|empieza) la conversación", r"rejoignez la (conversation|discussion)",
    r"lancez la (conversation|discussion)",
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
    r"(logged|signed) in to (post a )?(comment|reply)", r"register to (comment|reply)",
    r"sign in to (comment|reply)", r"log in to (comment|reply)",
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
    # log in first / be the first, in the word orders the lines above miss
    r"para comentar (debes|tienes que|es necesario|necesitas) (iniciar sesión|registrarte|"
    r"estar registrad[oa]|identificarte)", r"inicia sesión para comentar",
    r"(faça|fazer) login para comentar", r"log ?in om (een reactie|te reageren)",
    r"om te (kunnen )?reageren (moet|dien) je", r"bli (den )?först(a)? (att|med att) kommentera",
    r"logga in för att kommentera", r"vær den første til at kommentere",
    r"bli den første til å kommentere", r"logg inn for å kommentere", r"kommentoi ensimmäisenä",
    r"zaloguj się,? (aby|żeby) (dodać komentarz|skomentować|komentować)",
    r"buďte první,? kdo", r"accedi per commentare", r"connectez-vous pour (commenter|réagir)",
    r"melden sie sich an,? um (zu kommentieren|einen kommentar)", r"yorum yapmak için",
    r"sign in to join the (conversation|discussion)",
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
    r"inscreva-se", r"^\W*assine", r"подпишитесь", r"подписаться на", r"登録する", r"登録はこちら",
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
    r"\bmin(ute)?s? read\b", r"\breading time\b", r"\blesezeit\b", r"\blesedauer\b",
    r"\btemps de lecture\b", r"\btiempo de lectura\b", r"\btempo de (leitura|lettura)\b",
    r"\bвремя чтения\b", r"\b読了時間\b", r"\bleestijd\b",
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


# the bar of a comment widget: its label, then controls after a separator
# ("Comentarios (2) · Ordenar por: Más recientes", "12 comments | Sort by: Newest")
_WIDGET_BAR_SEP = re.compile(r"\s+[·|•]\s+")


def _starts_comments(line: str) -> bool:
    """A line that opens a comment section: a bare comment label, a discussion label with a
    count, or either as the first part of a short bar of widget controls."""
    s = line.strip()
    if _COMMENT_LABEL.match(s) or _COUNTED_TAIL_LABEL.match(s):
        return True
    head = _WIDGET_BAR_SEP.split(s, maxsplit=1)
    return (len(head) == 2 and _words(s) <= 10
            and bool(_COMMENT_LABEL.match(head[0]) or _COUNTED_TAIL_LABEL.match(head[0])))


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

    # a comment section: a bare comment label ("Comentarios 0", "Reacties (3)") after the
    # article's first lines starts the comment widget, and everything after it is the widget
    # (prompts in words no list has, reader comments): cut from the label to the end
    for i in range(3, len(lines)):
        if _starts_comments(lines[i]):
            for j in range(i, len(lines)):
                keep[j] = False
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
