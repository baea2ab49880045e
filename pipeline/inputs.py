"""Inputs: what the user names on the command line, turned into one :class:`InputItem` each.

``iter_inputs(["urls.txt", "-", "page.html", "saved/", "crawl.warc.gz", "https://..."])``
yields, in order and without duplicates (first wins, keyed by the cleaned URL):

* ``url``          an http(s) URL, cleaned by :func:`clean_url` (from the arguments, from URL
                   list files, or from stdin with ``-``);
* ``file``         a saved ``.html``/``.htm`` page (or every such page under a folder, sorted),
                   keyed by its ``file://`` URL, bytes attached;
* ``warc_record``  a ``response`` (or ``resource``) record of a ``.warc``/``.warc.gz`` file,
                   keyed by its cleaned ``WARC-Target-URI``, payload and HTTP headers attached;
* ``invalid``      anything that is not a usable URL; it still gets a stored row
                   (status ``invalid_url``), keyed by the text as given.

URL list files hold one URL per line; blank lines and lines starting with ``#`` are ignored,
and only the first whitespace-separated field of a line is read (so ``URL<TAB>note`` works).

A path that does not exist or cannot be read raises :class:`~pipeline.errors.InputError`
(a usage error), never a per-item status.
"""
from __future__ import annotations

import gzip
import ipaddress
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from courlan.clean import clean_query

from .errors import InputError

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
_PATHLIKE_SUFFIXES = HTML_SUFFIXES + WARC_SUFFIXES + (".txt", ".lst", ".list", ".csv", ".tsv",
                                                      ".gz", ".urls")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_BARE_DOMAIN = re.compile(r"^[\w.-]+\.[a-z]{2,63}(?::\d+)?(?:[/?].*)?$", re.I)
# characters left as they are when re-quoting a path or query (already-escaped %XX stay)
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input to fetch or read.

    ``url`` is the identity of the item in the store: the cleaned URL, a ``file://`` URL for
    a local file, the cleaned target URI of a WARC record, or the stripped text as given for an
    invalid input. ``headers`` (name, value) pairs and ``http_status`` come from a WARC
    record's HTTP response; ``error`` says why an ``invalid`` item is invalid.
    """

    kind: str
    source: str
    url: str
    html_bytes: bytes | None = None
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    http_status: int | None = None
    error: str | None = None

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        low = name.lower()
        return next((v for k, v in self.headers if k.lower() == low), None)


# ----------------------------------------------------------------------------- URL hygiene
def _clean_host(host: str) -> str | None:
    host = host.strip().rstrip(".").lower()
    if not host:
        return None
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host.strip('[]')).compressed}]"
        except ValueError:
            return None
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        pass
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = host.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels):
        return None
    if len(labels) < 2 and host != "localhost":
        return None
    if labels[-1].isdigit():  # "1.2.3" or "999.1.1.1": not a host name, not an address
        return None
    return host


def clean_url(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None when it is not a usable one.

    Scheme and host lower-cased (IDN hosts as punycode), default port dropped, user info and
    fragment dropped, tracking parameters (``utm_*``, ``fbclid``, ``gclid`` ... courlan's list)
    removed and the remaining parameters sorted, unsafe characters percent-encoded, an empty
    path made ``/``. A bare ``example.com/page`` is read as ``https://example.com/page``.
    """
    if not isinstance(url, str):
        return None
    url = url.strip().replace("&amp;", "&")
    if not url or any(c in url for c in "\r\n\t\x00"):
        return None
    if "://" not in url:
        if not _BARE_DOMAIN.match(url):
            return None
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or parts.hostname is None:
        return None
    host = _clean_host(parts.hostname if ":" not in parts.hostname
                       else f"[{parts.hostname}]")
    if host is None:
        return None
    netloc = host if port in (None, {"http": 80, "https": 443}[scheme]) else f"{host}:{port}"
    path = quote(parts.path, safe=_PATH_SAFE) or "/"
    if "/." in path:  # resolve "." and ".." segments
        path = urlsplit(urljoin("http://h/", path)).path
    query = parts.query
    if query:
        try:
            query = clean_query(query)
        except ValueError:
            query = ""
        query = quote(query, safe=_QUERY_SAFE)
    return urlunsplit((scheme, netloc, path, query, ""))


# ----------------------------------------------------------------------------- readers
def _url_item(text: str, source: str) -> InputItem:
    cleaned = clean_url(text)
    if cleaned is None:
        return InputItem(kind="invalid", source=source, url=text.strip(),
                         error="not an http(s) URL")
    return InputItem(kind="url", source=source, url=cleaned)


def _url_lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        yield line.split()[0]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _file_item(path: Path, source: str) -> InputItem:
    return InputItem(kind="file", source=source, url=path.resolve().as_uri(),
                     html_bytes=_read_bytes(path), content_type="text/html")


def _html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and p.name.lower().endswith(HTML_SUFFIXES))


def _warc_items(path: Path, source: str) -> Iterator[InputItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with stream:
        try:
            head = stream.read(2)
            stream.seek(0)
            start = (gzip.GzipFile(fileobj=stream).read(5) if head == b"\x1f\x8b"
                     else stream.read(5))
            stream.seek(0)
        except (OSError, EOFError):
            start = b""
        if start != b"WARC/":
            raise InputError(f"{path} is not a readable WARC file: it does not start with a "
                             "WARC record")
        try:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI") or ""
                headers: tuple[tuple[str, str], ...] = ()
                status = None
                if record.rec_type == "response" and record.http_headers is not None:
                    headers = tuple((k, v) for k, v in record.http_headers.headers)
                    try:
                        status = int(record.http_headers.get_statuscode())
                    except (TypeError, ValueError):
                        status = None
                    content_type = record.http_headers.get_header("Content-Type")
                else:
                    content_type = record.rec_headers.get_header("Content-Type")
                payload = record.content_stream().read()
                cleaned = clean_url(target)
                if cleaned is None:
                    offset = records.get_record_offset()
                    yield InputItem(kind="invalid", source=f"{source}#{target}",
                                    url=target or f"{path.resolve().as_uri()}#offset={offset}",
                                    error="WARC record without a usable target URI")
                    continue
                yield InputItem(kind="warc_record", source=source, url=cleaned,
                                html_bytes=payload, content_type=content_type,
                                headers=headers, http_status=status)
        except (ArchiveLoadFailed, OSError, EOFError) as exc:
            raise InputError(f"{path} is not a readable WARC file: {exc}") from None


def _looks_like_path(text: str) -> bool:
    low = text.lower()
    return ("/" in text and "://" not in text and not _BARE_DOMAIN.match(text)) \
        or low.endswith(_PATHLIKE_SUFFIXES) or text.startswith((".", "~"))


def _one_input(text: str, stdin: IO[str] | None) -> Iterator[InputItem]:
    if text == "-":
        stream = stdin if stdin is not None else sys.stdin
        for line in _url_lines(stream):
            yield _url_item(line, line)
        return
    if "://" in text and not text.lower().startswith("file://"):
        yield _url_item(text, text)
        return
    path = Path(text[7:] if text.lower().startswith("file://") else text).expanduser()
    if path.is_dir():
        for file in _html_files(path):
            yield _file_item(file, str(file))
        return
    if path.is_file():
        name = path.name.lower()
        if name.endswith(HTML_SUFFIXES):
            yield _file_item(path, text)
        elif name.endswith(WARC_SUFFIXES):
            yield from _warc_items(path, text)
        else:
            raw = _read_bytes(path)
            for line in _url_lines(raw.decode("utf-8", errors="replace").splitlines()):
                yield _url_item(line, line)
        return
    yield _url_item(text, text)


def _check_paths(inputs: Sequence[str]) -> None:
    """A path given on the command line that does not exist is a usage error, raised before
    any input is read, so that a typo never leaves a batch half done."""
    for text in map(str, inputs):
        if text == "-" or ("://" in text and not text.lower().startswith("file://")):
            continue
        path = Path(text[7:] if text.lower().startswith("file://") else text).expanduser()
        if not path.exists() and _looks_like_path(text):
            raise InputError(f"input {text!r} is neither a URL nor an existing file or folder")


def iter_inputs(inputs: Sequence[str], *, stdin: IO[str] | None = None) -> Iterator[InputItem]:
    """Every input as :class:`InputItem`, deduplicated by cleaned URL (first wins).

    ``inputs`` are URLs, URL list files, ``-`` (stdin, or the ``stdin`` stream given),
    ``.html``/``.htm`` files, folders (searched recursively for those, sorted) and
    ``.warc``/``.warc.gz`` files. Raises InputError for a path that cannot be read.
    """
    _check_paths(inputs)
    seen: set[str] = set()
    for text in inputs:
        for item in _one_input(str(text), stdin):
            if item.url in seen:
                continue
            seen.add(item.url)
            yield item


__all__ = ["InputItem", "clean_url", "iter_inputs"]
