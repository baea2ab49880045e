"""Turning a page's bytes into text: Content-Encoding, media type, charset, canonical link.

Used by :mod:`pipeline.fetch` for fetched pages, saved files and WARC records alike.

* :class:`BodyDecoder` undoes gzip/deflate in bounded steps (a decompression bomb stops at the
  size cap instead of filling memory);
* :func:`decode_html` picks the charset: a BOM, then the Content-Type header, then
  ``<meta charset>``, then detection (charset-normalizer); a declared charset is used only if
  the bytes decode with it and look plausible (a page declared Latin-1 that is really UTF-8 or
  Shift_JIS is read as what it is);
* :func:`canonical_link` reads ``<link rel="canonical">``.
"""
from __future__ import annotations

import codecs
import re
import zlib
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from .inputs import clean_url

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
SNIFF_TYPES = frozenset({"", "application/octet-stream", "text/plain", "application/unknown"})

class TooLarge(Exception):
    pass


class BadEncoding(Exception):
    pass


class BodyDecoder:
    """Undo gzip/deflate Content-Encoding in bounded steps: never more than ``limit`` bytes
    of output exist, however small the compressed input (decompression-bomb guard)."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise BadEncoding(f"unsupported Content-Encoding {unknown[0]!r}")
        self._codings = list(reversed(codings))  # applied last is undone first
        self._objs: list[Any] = [None] * len(self._codings)
        self._limit = limit
        self.size = 0

    def _new(self, coding: str, first: bytes) -> Any:
        if coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped by the standard, raw deflate by some servers
        is_zlib = len(first) >= 2 and (first[0] & 0x0F) == 8 and \
            ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS)

    def _stage(self, i: int, data: bytes, limit: int) -> bytes:
        out = bytearray()
        while data:
            obj = self._objs[i]
            if obj is None or obj.eof:
                if obj is not None and (self._codings[i] == "deflate"
                                        or not data.strip(b"\x00")):
                    break  # bytes after the end of the stream: ignored
                obj = self._objs[i] = self._new(self._codings[i], data)
            piece = obj.decompress(data, limit - len(out) + 1)
            out += piece
            if len(out) > limit:
                raise TooLarge
            if obj.eof:
                data = obj.unused_data  # the next gzip member, if any
            else:
                data = obj.unconsumed_tail
                if not piece and not data:
                    break
        return bytes(out)

    def feed(self, chunk: bytes) -> bytes:
        data = chunk
        for i in range(len(self._codings)):
            data = self._stage(i, data, self._limit - self.size)
        self.size += len(data)
        if self.size > self._limit:
            raise TooLarge
        return data

    def flush(self) -> bytes:
        data = b""
        for i in range(len(self._codings)):
            if data:
                data = self._stage(i, data, self._limit - self.size)
            obj = self._objs[i]
            if obj is not None and not obj.eof:
                data += obj.flush()
        self.size += len(data)
        if self.size > self._limit:
            raise TooLarge
        return data


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def charset_param(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


_HTML_SNIFF = re.compile(rb"^\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|html|head|"
                         rb"body|meta|title|script|div|p|h1|article)[\s/>]", re.I | re.S)


def looks_like_html(body: bytes) -> bool:
    return bool(_HTML_SNIFF.match(body[:2048].lstrip(b"\xef\xbb\xbf")))


# ----------------------------------------------------------------------------- charset
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# WHATWG encoding labels that browsers read as a superset
_WHATWG = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252",
           "shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030", "gbk": "gb18030",
           "iso8859_9": "cp1254", "iso8859_11": "cp874", "tis_620": "cp874"}


@lru_cache(maxsize=256)
def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name in ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"):
        return None  # only meaningful with a BOM; a label alone is usually wrong
    return _WHATWG.get(name, name)


@lru_cache(maxsize=256)
def _single_byte(codec: str) -> bool:
    if codec.startswith("utf"):
        return False
    return len(b"\xb0\xa1".decode(codec, errors="replace")) == 2


# most common encodings on the web first: a tie between equally good guesses goes to these
_PREFERRED = ("utf_8", "cp1252", "cp1251", "cp932", "euc_jp", "gb18030", "big5", "cp949",
              "cp1250", "cp1256", "cp1253", "cp1254", "cp1255", "cp874", "koi8_r")


def _detect(body: bytes) -> str | None:
    """charset-normalizer's guess; near-ties (same mess, same coherence) go to the more common
    web encoding (it would otherwise read French cp1252 as cp1250)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(body[:200_000]))
    if not matches:
        return None
    best = matches[0]
    near = set()
    for m in matches:
        if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.02:
            near.update(filter(None, map(_codec, m.could_be_from_charset or [m.encoding])))
    for codec in _PREFERRED:
        if codec in near:
            return codec
    return _codec(best.encoding)


def _plausible(codec: str, body: bytes, text: str) -> bool:
    """Whether a declared charset fits bytes that decoded without error with it."""
    if codec == "utf_8" or body.isascii():
        return True
    if _single_byte(codec):
        try:
            body.decode("utf-8")
            return False  # non-ASCII bytes that are valid UTF-8 are UTF-8
        except UnicodeDecodeError:
            pass
        if re.search("[\x80-\x9f]", text):
            return False  # C1 controls: text in another encoding
        detected = _detect(body)
        return detected is None or _single_byte(detected)
    return True


def decode_html(body: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(text, codec used): BOM, header charset, meta charset, then detection."""
    for bom, codec in ((codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16_le"),
                       (codecs.BOM_UTF16_BE, "utf_16_be")):
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace"), codec
    meta = _META_CHARSET.search(body[:8192])
    for label in (header_charset, meta.group(1).decode("ascii") if meta else None):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(codec, body, text):
            return text, codec
    if body.isascii():
        return body.decode("ascii"), "ascii"
    try:
        return body.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    codec = _detect(body) or "cp1252"
    return body.decode(codec, errors="replace"), codec


_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_REL_CANONICAL = re.compile(r"""\brel\s*=\s*["']?\s*canonical\b""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def canonical_link(html: str, base_url: str | None) -> str | None:
    """The cleaned ``<link rel="canonical">`` URL of a page, if any."""
    head = html[:100_000]
    for tag in _LINK_TAG.findall(head):
        if _REL_CANONICAL.search(tag):
            href = _HREF.search(tag)
            if href:
                value = next(g for g in href.groups() if g is not None).strip()
                return clean_url(urljoin(base_url or "", value)) if value else None
    return None


__all__ = ["HTML_TYPES", "SNIFF_TYPES", "BadEncoding", "BodyDecoder", "TooLarge",
           "canonical_link", "charset_param", "decode_html", "looks_like_html", "media_type"]
