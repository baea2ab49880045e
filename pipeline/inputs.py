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
                   (status ``invalid_url``), keyed by the text as given;
* ``unreadable``   a file found inside a folder that cannot be read (no permission, a broken
                   symlink, gone since the folder was listed), a folder that cannot be listed,
                   or a part of a WARC file that is corrupt; it gets a stored row (status
                   ``read_error``) keyed by its ``file://`` URL (a WARC part: the record's
                   URL, or ``file://...#offset=N``), ``error`` says why.

URL list files (and stdin) hold one URL per line, in UTF-8 (UTF-16 with a BOM is read too);
blank lines and lines starting with ``#`` are ignored, only the first whitespace-separated
field of a line is read (so ``URL<TAB>note`` works), and a line that is not valid UTF-8 is
an ``invalid`` item of its own.

A path named on the command line that does not exist, cannot be opened, or is not what its
name says (a ``.warc`` that does not start with a WARC record, a URL list holding binary
data) raises :class:`~pipeline.errors.InputError` (a usage error) before any input is read.
Everything found after that is an item with a status: bad input loses nothing, and the
records of a WARC file before (and after) a corrupt part are kept.
"""
from __future__ import annotations

import bisect
import codecs
import ipaddress
import os
import re
import stat
import sys
import zlib
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any
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
_SNIFF_BYTES = 8192
_NOT_A_LIST = "not a text file of URLs (one per line): it holds binary data"


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input to fetch or read.

    ``url`` is the identity of the item in the store: the cleaned URL, a ``file://`` URL for
    a local file, the cleaned target URI of a WARC record, or the stripped text as given for an
    invalid input. ``headers`` (name, value) pairs and ``http_status`` come from a WARC
    record's HTTP response; ``error`` says why an ``invalid`` or ``unreadable`` item is one.
    """

    kind: str
    source: str
    url: str
    html_bytes: bytes | None = None
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    http_status: int | None = None
    error: str | None = None
    warc: str | None = None

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


def _url_item(text: str, source: str) -> InputItem:
    cleaned = clean_url(text)
    if cleaned is None:
        return InputItem(kind="invalid", source=source, url=text.strip(),
                         error="not an http(s) URL")
    return InputItem(kind="url", source=source, url=cleaned)


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _file_uri(path: Path) -> str:
    """The ``file://`` URL of a path, symlinks resolved (a broken link: its missing target,
    so that the row is the same once the target exists)."""
    try:
        return path.resolve().as_uri()
    except (OSError, RuntimeError):  # a symlink loop
        return path.absolute().as_uri()


def _unreadable(path: Path, source: str, why: str, url: str | None = None) -> InputItem:
    return InputItem(kind="unreadable", source=source, url=url or _file_uri(path),
                     error=f"cannot read {path}: {why}")


def _is_binary(head: bytes) -> bool:
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


_WRAPPERS = {'"': '"', "'": "'", "<": ">", "(": ")", "“": "”"}


def _unwrap(field: str) -> str:
    """A URL as pasted from a spreadsheet, an e-mail or Markdown, without the quotes or angle
    brackets around it (``"https://…"``, ``<https://…>``)."""
    if len(field) > 2 and _WRAPPERS.get(field[0]) == field[-1]:
        return field[1:-1].strip()
    return field


def _list_lines(lines: Iterable[bytes | str], where: str) -> Iterator[InputItem]:
    """URL list lines (bytes or text) as items: blank lines and ``#`` comments skipped, the
    first field of a line read; a field that is not valid UTF-8 is an invalid item of its own
    (the rest of the list is still read)."""
    for n, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", errors="surrogateescape")
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        field = _unwrap(line.split()[0])
        try:
            field.encode("utf-8")
        except UnicodeEncodeError:
            shown = field.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            yield InputItem(kind="invalid", source=shown, url=shown,
                            error=f"line {n} of {where} is not valid UTF-8 (save the list as "
                                  "UTF-8)")
            continue
        item = _url_item(field, field)
        if item.kind == "invalid":
            # the whole line as the source, so the row shows what the user wrote
            item = replace(item, source=line, error=f"line {n} of {where}: {item.error}")
        yield item


def _decoded_lines(raw: bytes) -> list[bytes] | list[str]:
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(codec, errors="replace").splitlines()
    return raw.splitlines()


def _list_items(path: Path, source: str) -> Iterator[InputItem]:
    """A text file of URLs, one per line (UTF-8, or UTF-16 with a BOM)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield _unreadable(path, source, _why(exc))
        return
    if _is_binary(raw[:_SNIFF_BYTES]):
        yield _unreadable(path, source, _NOT_A_LIST)
        return
    yield from _list_lines(_decoded_lines(raw), path.name)


def _stream_items(path: Path, source: str) -> Iterator[InputItem]:
    """A pipe or device named as a URL list (``<(grep http notes.txt)``), read as it comes."""
    try:
        with open(path, "rb") as stream:
            yield from _list_lines(stream, path.name)
    except OSError as exc:
        yield _unreadable(path, source, _why(exc))


def _file_item(path: Path, source: str) -> InputItem:
    """A saved page; a page that cannot be read (gone, a broken link, a folder or a pipe in
    its place, no permission) is an ``unreadable`` item."""
    url = _file_uri(path)
    try:
        if path.is_symlink() and not path.exists():
            return _unreadable(path, source, f"broken symbolic link to {os.readlink(path)}",
                               url)
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            return _unreadable(path, source, what, url)
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(path, source, _why(exc), url)
    return InputItem(kind="file", source=source, url=url, html_bytes=data,
                     content_type="text/html")


def _folder_items(folder: Path) -> Iterator[InputItem]:
    """Every ``.html``/``.htm`` file under ``folder`` (symlinked folders not followed), sorted
    by path; a sub-folder that cannot be listed is an ``unreadable`` item of its own."""
    found: list[tuple[Path, OSError | None]] = []

    def failed(exc: OSError) -> None:
        found.append((Path(exc.filename or folder), exc))

    for root, _dirs, files in os.walk(folder, onerror=failed):
        found.extend((Path(root, name), None) for name in files
                     if name.lower().endswith(HTML_SUFFIXES))
    for path, exc in sorted(found, key=lambda pair: pair[0]):
        if exc is None:
            yield _file_item(path, str(path))
        else:
            yield InputItem(kind="unreadable", source=str(path), url=_file_uri(path),
                            error=f"cannot list the folder {path}: {_why(exc)}")


# ----------------------------------------------------------------------------- WARC files
class _Corrupt(OSError):
    """A WARC file broken part-way (``offset``: where, when known). An OSError, not an
    EOFError: warcio reads an EOFError as the clean end of the file."""

    def __init__(self, message: str, offset: int | None = None, partial: bytes = b"") -> None:
        super().__init__(message)
        self.offset = offset
        self.partial = partial   # what could be read of the broken part


_GZIP_MEMBER = b"\x1f\x8b\x08"
_READ_SIZE = 1 << 16
_MEMBER_CHUNK = 64 << 20   # a gzip member is checked whole before use, up to this much
_TARGET_URI = re.compile(rb"\r?\nWARC-Target-URI:[ \t]*<?([^\s>]+)>?[ \t]*\r?\n", re.I)


class _GzipMembers:
    """A multi-member ``.warc.gz`` read as one uncompressed stream that fails loudly.

    warcio reads a truncated member as the end of the file and corrupt bytes as plain data;
    here each member (up to ``_MEMBER_CHUNK`` of output) is decompressed and its CRC checked
    before any of it is handed on, and a corrupt or truncated member raises :class:`_Corrupt`.
    ``member_at`` maps an uncompressed offset to the file offset of its member."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._pending = b""          # compressed bytes read but not decompressed yet
        self._dec: Any = None
        self._buf = b""
        self._at = 0
        self._served = 0
        self._made = 0
        self._starts: list[int] = []  # uncompressed offset where each member starts
        self._offsets: list[int] = []  # ... and its offset in the file

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._served

    @property
    def produced(self) -> int:
        """Uncompressed bytes so far."""
        return self._made

    def member_at(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._offsets[i] if i >= 0 else self._fh.tell() - len(self._pending)

    def read(self, size: int | None = -1) -> bytes:
        while self._at >= len(self._buf):
            if not self._fill():
                return b""
        end = len(self._buf) if size is None or size < 0 else self._at + size
        out = self._buf[self._at:end]
        self._at += len(out)
        self._served += len(out)
        return out

    def _more(self) -> bool:
        chunk = self._fh.read(_READ_SIZE)
        self._pending += chunk
        return bool(chunk)

    def _fill(self) -> bool:
        """Decompress until a member ends or ``_MEMBER_CHUNK`` bytes are out; False at the
        end of the file."""
        parts: list[bytes] = []
        size = 0
        while True:
            if self._dec is None:
                self._pending = self._pending.lstrip(b"\x00")  # padding between members
                if len(self._pending) < len(_GZIP_MEMBER) and self._more():
                    continue
                if not self._pending:
                    return False
                start = self._fh.tell() - len(self._pending)
                if not self._pending.startswith(_GZIP_MEMBER):
                    raise _Corrupt(f"no gzip member starts at offset {start}", start)
                self._dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._starts.append(self._made)
                self._offsets.append(start)
            if not self._pending and not self._more():
                raise _Corrupt("the file ends inside this gzip member (truncated)",
                               self._offsets[-1], b"".join(parts))
            try:
                out = self._dec.decompress(self._pending, _MEMBER_CHUNK - size)
            except zlib.error as exc:
                raise _Corrupt(f"corrupt gzip member ({exc})", self._offsets[-1],
                               b"".join(parts)) from None
            parts.append(out)
            size += len(out)
            self._made += len(out)
            if self._dec.eof:
                self._pending, self._dec = self._dec.unused_data, None
            else:
                self._pending = self._dec.unconsumed_tail
            if self._dec is None or size >= _MEMBER_CHUNK:
                self._buf, self._at = b"".join(parts), 0
                return True


def _resync(fh: IO[bytes], gz: bool, after: int) -> int | None:
    """The offset of the first record start after ``after`` (a gzip member that begins a WARC
    record, or a ``WARC/1.x`` line), or None."""
    mark = _GZIP_MEMBER if gz else b"\nWARC/1."
    pos = after + 1
    while True:
        fh.seek(pos)
        chunk = fh.read(_READ_SIZE + 64)
        if len(chunk) < len(mark):
            return None
        i = chunk.find(mark)
        if i < 0:
            pos += max(1, len(chunk) - len(mark) + 1)
            continue
        start = pos + i + (0 if gz else 1)
        if not gz:
            return start
        fh.seek(start)
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(4096), 8)
        except zlib.error:
            head = b""
        if head.startswith(b"WARC/"):
            return start
        pos += i + 1


def _check_whole(record: Any) -> None:
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise _Corrupt(f"the file ends inside this record (truncated: {missing} of "
                       f"{record.length} bytes missing)")


def _check_end(offset: int, members: _GzipMembers | None, fh: IO[bytes]) -> None:
    """warcio reads a record cut short inside its headers as the end of the file: bytes left
    after the last record it read (``offset``) mean the file is truncated there."""
    if members is not None:
        while members.read(_READ_SIZE):
            pass
        if offset < members.produced:
            raise _Corrupt("the file ends inside this record (truncated)",
                           members.member_at(offset))
        return
    fh.seek(offset)
    tail = fh.read(_READ_SIZE)
    if tail.strip(b" \t\r\n\x00"):
        raise _Corrupt("the file ends inside this record (truncated)", offset, tail)


def _named(head: bytes) -> str | None:
    """The cleaned target URI in the header of the record that ``head`` starts with."""
    if not head.startswith(b"WARC/"):
        return None
    end = head.find(b"\r\n\r\n")
    seen = _TARGET_URI.search(head if end < 0 else head[:end + 2])
    return clean_url(seen.group(1).decode("utf-8", "replace")) if seen else None


def _truncated_at(fh: IO[bytes], offset: int) -> tuple[str | None, bytes]:
    """Whether the (uncompressed) file ends inside the record at ``offset``, and its start."""
    size = fh.seek(0, os.SEEK_END)
    fh.seek(offset)
    head = fh.read(_READ_SIZE)
    end = head.find(b"\r\n\r\n")
    if end < 0:
        full = offset + len(head) >= size
        return ("the file ends inside this record's header (truncated)" if full else None), head
    length = re.search(rb"\r\nContent-Length:[ \t]*(\d+)", head[:end], re.I)
    if length and offset + end + 4 + int(length.group(1)) > size:
        return "the file ends inside this record (truncated)", head
    return None, head


def _warc_items(path: Path, source: str) -> Iterator[InputItem]:
    """The ``response``/``resource`` records of a WARC file. A part that cannot be read (a
    truncated or corrupt gzip member, a bad record header, a record cut short) becomes one
    ``unreadable`` item, and reading resumes at the next record start found after it."""
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield _unreadable(path, source, _why(exc))
        return
    with stream:
        gz = stream.read(2) == _GZIP_MEMBER[:2]
        start: int | None = 0
        warc = _file_uri(path)
        while start is not None:
            start = yield from _warc_part(stream, gz, start, path, source, warc)


def _warc_part(fh: IO[bytes], gz: bool, start: int, path: Path, source: str,
               warc: str) -> Generator[InputItem, None, int | None]:
    """Records from ``start`` to the end of the file (None) or to a broken part (then the
    offset to resume at)."""
    from warcio.archiveiterator import ArchiveIterator

    fh.seek(start)
    members = _GzipMembers(fh) if gz else None
    records = ArchiveIterator(members or fh)
    record_at = start
    current: str | None = None   # the cleaned target URI of the record being read
    try:
        for record in records:
            record_at = members.member_at(records.offset) if members else records.offset
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if not record.rec_type or not length.isdigit():
                raise _Corrupt("incomplete record header (no WARC-Type or Content-Length)")
            if record.rec_type not in ("response", "resource"):
                while record.raw_stream.read(_READ_SIZE):   # to see that it is whole
                    pass
                _check_whole(record)
                continue
            target = record.rec_headers.get_header("WARC-Target-URI") or ""
            current = clean_url(target)
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
            _check_whole(record)
            if current is None:
                yield InputItem(kind="invalid", source=f"{source}#{target}",
                                url=target or f"{warc}#offset={record_at}",
                                error="WARC record without a usable target URI", warc=warc)
                continue
            item = InputItem(kind="warc_record", source=source, url=current,
                             html_bytes=payload, content_type=content_type,
                             headers=headers, http_status=status, warc=warc)
            current = None
            yield item
        _check_end(records.offset, members, fh)
    except Exception as exc:  # noqa: BLE001 - any parser failure on these bytes is a status
        failed_at = getattr(exc, "offset", None)
        if current is None:  # a record header that could not be read
            record_at = failed_at if failed_at is not None else (
                members.member_at(records.offset) if members else records.offset)
        text = str(exc).strip()
        why = text.splitlines()[0][:160] if text else type(exc).__name__
        partial = getattr(exc, "partial", b"")
        if not members and not isinstance(exc, _Corrupt):  # warcio's own words can be cryptic
            truncated, partial = _truncated_at(fh, record_at)
            why = truncated or why
        named = _named(partial)  # a legible record header: the item is that record's
        yield InputItem(kind="unreadable", source=f"{source}#offset={record_at}",
                        url=current or named or f"{warc}#offset={record_at}",
                        error=f"{path} is corrupt at offset {record_at}: {why}", warc=warc)
        return _resync(fh, gz, max(record_at, failed_at or 0))
    return None


def _looks_like_path(text: str) -> bool:
    low = text.lower()
    return ("/" in text and "://" not in text and not _BARE_DOMAIN.match(text)) \
        or low.endswith(_PATHLIKE_SUFFIXES) or text.startswith((".", "~"))


def _one_input(text: str, stdin: IO[str] | None, paths: set[str]) -> Iterator[InputItem]:
    if text == "-":
        stream = stdin if stdin is not None else sys.stdin
        # bytes when we can: a line that is not UTF-8 is an input of its own, not a crash
        yield from _list_lines(getattr(stream, "buffer", None) or stream, "stdin")
        return
    if text not in paths:
        yield _url_item(text, text)
        return
    path = _as_path(text)
    name = path.name.lower()
    if path.is_dir():
        yield from _folder_items(path)
    elif name.endswith(HTML_SUFFIXES):
        yield _file_item(path, text)
    elif name.endswith(WARC_SUFFIXES):
        yield from _warc_items(path, text)
    elif path.is_file():
        yield from _list_items(path, text)
    elif path.exists():
        yield from _stream_items(path, text)
    else:
        yield _unreadable(path, text, "it no longer exists")


def _as_path(text: str) -> Path:
    return Path(text[7:] if text.lower().startswith("file://") else text).expanduser()


def _starts_like_warc(head: bytes) -> bool:
    if head.startswith(_GZIP_MEMBER[:2]):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 5)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _unusable(path: Path) -> str | None:
    """Why a path named on the command line cannot be used, or None."""
    try:
        if path.is_dir():
            with os.scandir(path):
                return None
        if not path.is_file():
            return None  # a pipe or a device: read as a URL list, as it comes
        with open(path, "rb") as fh:
            head = fh.read(_SNIFF_BYTES)
    except OSError as exc:
        return _why(exc)
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        if not _starts_like_warc(head):
            return "not a readable WARC file: it does not start with a WARC record"
    elif not name.endswith(HTML_SUFFIXES) and _is_binary(head):
        return _NOT_A_LIST
    return None


def _check_paths(inputs: Sequence[str]) -> set[str]:
    """The inputs that name files or folders. A path given on the command line that does
    not exist, cannot be opened, or is not what its name says is a usage error, raised before
    any input is read, so that a typo never leaves a batch half done."""
    paths: set[str] = set()
    for text in map(str, inputs):
        if text == "-" or ("://" in text and not text.lower().startswith("file://")):
            continue
        path = _as_path(text)
        if not path.exists():
            if _looks_like_path(text) or path.is_symlink():
                raise InputError(f"input {text!r} is neither a URL nor an existing file or "
                                 "folder")
            continue
        problem = _unusable(path)
        if problem:
            raise InputError(f"cannot read {text}: {problem}")
        paths.add(text)
    return paths


def iter_inputs(inputs: Sequence[str], *, stdin: IO[str] | None = None) -> Iterator[InputItem]:
    """Every input as :class:`InputItem`, deduplicated by cleaned URL (first wins).

    ``inputs`` are URLs, URL list files, ``-`` (stdin, or the ``stdin`` stream given),
    ``.html``/``.htm`` files, folders (searched recursively for those, sorted) and
    ``.warc``/``.warc.gz`` files. Raises InputError, before yielding anything, for a path on
    the command line that does not exist or cannot be read; what fails later (a file inside
    a folder, a WARC file corrupt part-way) is an ``unreadable`` item.
    """
    paths = _check_paths(inputs)
    seen: set[str] = set()
    for text in inputs:
        for item in _one_input(str(text), stdin, paths):
            if item.url in seen:
                continue
            seen.add(item.url)
            yield item


__all__ = ["InputItem", "clean_url", "iter_inputs"]
