"""pipeline.inputs: URL hygiene and every input kind (URLs, lists, stdin, files, folders, WARC)."""
from __future__ import annotations

import gzip
import io
import os
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import inputs as inputs_mod
from pipeline.errors import InputError
from pipeline.inputs import InputItem, clean_url, iter_inputs


@pytest.mark.parametrize("raw, cleaned", [
    ("https://Example.COM/a/b?utm_source=x&id=3&fbclid=abc#top", "https://example.com/a/b?id=3"),
    ("HTTP://example.com:80/x?gclid=1&b=2&a=1", "http://example.com/x?a=1&b=2"),
    ("https://example.com:443", "https://example.com/"),
    ("https://example.com:8443/p", "https://example.com:8443/p"),
    ("  https://news.example.org/story  ", "https://news.example.org/story"),
    ("news.example.org/2024/01/breach", "https://news.example.org/2024/01/breach"),
    ("https://user:secret@example.com/p", "https://example.com/p"),
    ("https://example.com/a/../b/./c", "https://example.com/b/c"),
    ("https://example.com/path with space", "https://example.com/path%20with%20space"),
    ("https://münchen.de/x", "https://xn--mnchen-3ya.de/x"),
    ("http://127.0.0.5:8000/p?mc_cid=9", "http://127.0.0.5:8000/p"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ("https://example.com/?q=a&amp;utm_medium=mail", "https://example.com/?q=a"),
])
def test_clean_url_normalises(raw, cleaned):
    assert clean_url(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "not a url", "ftp://example.org/file", "mailto:a@b.org",
                                 "javascript:alert(1)", "http://", "http://1.2.3/x",
                                 "http://exa mple.com/", "https://-bad-.com/"])
def test_clean_url_rejects(raw):
    assert clean_url(raw) is None


def test_url_list_file_stdin_and_arguments(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("\ufeff# my list\n\nhttps://a.example.org/1\n"
                       "https://a.example.org/2\tfrom newsletter\n"
                       "  # indented comment\nnot-a-url\n", encoding="utf-8")
    stdin = io.StringIO("https://b.example.org/x\n\nhttps://A.example.org/1?utm_campaign=z\n")
    items = list(iter_inputs([str(listing), "-", "https://c.example.org/y#frag"], stdin=stdin))
    assert [(i.kind, i.url) for i in items] == [
        ("url", "https://a.example.org/1"),
        ("url", "https://a.example.org/2"),
        ("invalid", "not-a-url"),
        ("url", "https://b.example.org/x"),
        # https://A.example.org/1?utm_campaign=z is the same URL as the first: dropped
        ("url", "https://c.example.org/y"),
    ]
    assert items[-1].source == "https://c.example.org/y#frag"   # as given
    assert items[2].error and items[2].html_bytes is None


def test_html_files_and_folders(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.HTM").write_bytes(b"<html>z</html>")
    (tmp_path / "a.html").write_bytes(b"<html>a</html>")
    (tmp_path / "notes.txt").write_text("ignored inside a folder")
    single = tmp_path / "b" / "z.HTM"
    items = list(iter_inputs([str(tmp_path), str(single)]))
    assert [i.kind for i in items] == ["file", "file"]          # z.HTM only once
    assert [Path(i.source).name for i in items] == ["a.html", "z.HTM"]   # sorted
    assert items[0].url == (tmp_path / "a.html").resolve().as_uri()
    assert items[0].html_bytes == b"<html>a</html>"
    assert items[0].content_type == "text/html"


def _warc(path: Path, compress: bool) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype),
                                                ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))

        writer.write_record(writer.create_warc_record(
            "https://news.example.org/a", "request", payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://news.example.org/a?utm_source=rss", "200 OK",
                 "text/html; charset=utf-8", "<html><p>Café</p></html>".encode())
        response("https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG")
        response("https://news.example.org/gone", "404 Not Found", "text/html", b"nope")
        response("https://news.example.org/a", "200 OK", "text/html", b"<html>again</html>")


@pytest.mark.parametrize("name, compress", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_response_records(tmp_path, name, compress):
    path = tmp_path / name
    _warc(path, compress)
    items = list(iter_inputs([str(path)]))
    assert [(i.kind, i.url, i.http_status) for i in items] == [
        ("warc_record", "https://news.example.org/a", 200),
        ("warc_record", "https://news.example.org/logo.png", 200),
        ("warc_record", "https://news.example.org/gone", 404),
    ]   # the request record is skipped, the repeated target URI deduplicated
    first = items[0]
    assert first.html_bytes == "<html><p>Café</p></html>".encode()
    assert first.content_type == "text/html; charset=utf-8"
    assert first.header("content-type") == first.content_type
    assert items[1].content_type == "image/png"


def test_a_missing_path_fails_before_any_input_is_read(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    items = iter_inputs([str(page), "https://example.org/a", str(tmp_path / "typo.html")])
    with pytest.raises(InputError, match="typo.html"):
        next(items)


def test_missing_or_broken_paths_are_usage_errors(tmp_path):
    with pytest.raises(InputError, match="neither a URL nor an existing file"):
        list(iter_inputs([str(tmp_path / "missing.txt")]))
    with pytest.raises(InputError, match="neither a URL nor an existing file"):
        list(iter_inputs(["./saved/page.html"]))
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not a WARC file at all\n" * 10)
    with pytest.raises(InputError, match="not a readable WARC"):
        list(iter_inputs([str(broken)]))


def test_input_item_is_frozen():
    item = InputItem(kind="url", source="x", url="https://example.org/")
    with pytest.raises(AttributeError):
        item.url = "https://other.example/"   # type: ignore[misc]


# ----------------------------------------------------------------------------- bad input loses nothing
def test_unreadable_files_inside_a_folder_are_items_not_errors(tmp_path):
    folder = tmp_path / "saved"
    (folder / "d.html").mkdir(parents=True)              # a folder named like a page: searched
    (folder / "d.html" / "e.html").write_bytes(b"<p>e</p>")
    (folder / "a.html").write_bytes(b"<p>a</p>")
    (folder / "b.html").symlink_to(tmp_path / "nowhere.html")   # broken link
    os.mkfifo(folder / "c.html")                         # reading it would block forever
    (folder / "gone.html").write_bytes(b"<p>gone</p>")
    (folder / "z.html").write_bytes(b"<p>z</p>")
    if os.geteuid() != 0:                                # root reads anything
        (folder / "secret.html").write_bytes(b"<p>s</p>")
        (folder / "secret.html").chmod(0)
    items = iter_inputs([str(folder)])
    first = next(items)                                  # the folder is listed by now
    (folder / "gone.html").unlink()                      # ... and a file vanishes mid-run
    items = [first, *items]
    by_name = {Path(i.source).name: i for i in items}
    assert [Path(i.source).name for i in items] == sorted(by_name)
    assert {n: i.kind for n, i in by_name.items()} == {
        "a.html": "file", "b.html": "unreadable", "c.html": "unreadable", "e.html": "file",
        "gone.html": "unreadable", "z.html": "file",
        **({"secret.html": "unreadable"} if os.geteuid() != 0 else {})}
    assert "broken symbolic link" in by_name["b.html"].error
    assert by_name["b.html"].url == (tmp_path / "nowhere.html").resolve().as_uri()
    assert "not a regular file" in by_name["c.html"].error
    assert "No such file" in by_name["gone.html"].error
    assert by_name["gone.html"].url == (folder / "gone.html").resolve().as_uri()
    assert all(i.html_bytes is None for i in items if i.kind == "unreadable")
    assert by_name["z.html"].html_bytes == b"<p>z</p>"


def test_a_folder_that_cannot_be_listed_is_an_item(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.html").write_bytes(b"<p>a</p>")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.html").write_bytes(b"<p>b</p>")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_inputs([str(tmp_path)]))
    assert [(i.kind, Path(i.source).name) for i in items] == [("unreadable", "locked"),
                                                              ("file", "a.html")]
    assert items[0].error == f"cannot list the folder {tmp_path / 'locked'}: Permission denied"
    assert items[0].url == (tmp_path / "locked").resolve().as_uri()


def test_url_list_garbage_lines_each_get_an_item(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_bytes(b"# Liste f\xfcr heute\r\n\r\n   \r\nhttps://a.example.org/1\tnot\xe9\r\n"
                        b"garbage here\r\nhttps://\r\nhttps://a.example.org/caf\xe9\r\n"
                        b"ftp://a.example.org/x\r\n#https://commented.example.org/\r\n"
                        b"https://a.example.org/2")
    items = list(iter_inputs([str(listing)]))
    assert [(i.kind, i.url) for i in items] == [
        ("url", "https://a.example.org/1"),          # a latin-1 comment or note is harmless
        ("invalid", "garbage"),
        ("invalid", "https://"),
        ("invalid", "https://a.example.org/caf\\xe9"),
        ("invalid", "ftp://a.example.org/x"),
        ("url", "https://a.example.org/2"),
    ]
    assert items[3].error == "line 7 of urls.txt is not valid UTF-8 (save the list as UTF-8)"
    # the row shows the whole line the user wrote and where it is
    assert (items[1].source, items[1].error) == ("garbage here",
                                                 "line 5 of urls.txt: not an http(s) URL")


def test_url_list_lines_pasted_with_quotes_or_angle_brackets_are_read(tmp_path):
    # from a spreadsheet column, an e-mail or Markdown: these were invalid_url rows
    listing = tmp_path / "urls.txt"
    listing.write_text('"https://a.example.org/1"\n<https://a.example.org/2>\n'
                       "'https://a.example.org/3' note\n“https://a.example.org/4”\n"
                       '"not a url"\n"\n<>\n', encoding="utf-8")
    items = list(iter_inputs([str(listing)]))
    assert [(i.kind, i.url) for i in items] == [
        ("url", "https://a.example.org/1"), ("url", "https://a.example.org/2"),
        ("url", "https://a.example.org/3"), ("url", "https://a.example.org/4"),
        ("invalid", '"not'), ("invalid", '"'), ("invalid", "<>"),
    ]


def test_empty_utf16_and_stdin_url_lists(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert list(iter_inputs([str(empty)])) == []
    notepad = tmp_path / "notepad.txt"                   # Windows "Unicode" text
    notepad.write_bytes("https://b.example.org/ü\r\n".encode("utf-16"))
    assert [i.url for i in iter_inputs([str(notepad)])] == ["https://b.example.org/%C3%BC"]
    stdin = io.TextIOWrapper(io.BytesIO(b"https://c.example.org/1\nbad\xffline\n"),
                             encoding="utf-8")           # a real stdin: bytes underneath
    assert [(i.kind, i.url) for i in iter_inputs(["-"], stdin=stdin)] == [
        ("url", "https://c.example.org/1"), ("invalid", "bad\\xffline")]


def test_unusable_paths_on_the_command_line_fail_before_any_input_is_read(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>x</p>")
    binary = tmp_path / "report.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 10)
    items = iter_inputs([str(page), str(binary)])
    with pytest.raises(InputError, match="report.pdf: not a text file of URLs"):
        next(items)
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "nowhere.html")
    with pytest.raises(InputError, match="neither a URL nor an existing file"):
        list(iter_inputs([str(page), str(link)]))
    if os.geteuid() != 0:
        page.chmod(0)
        with pytest.raises(InputError, match="Permission denied"):
            list(iter_inputs([str(page)]))


# ----------------------------------------------------------------------------- corrupt WARC files
def _records(n: int) -> list[tuple[str, bytes]]:
    return [(f"https://news.example.org/{i}", f"<html><p>story {i}</p></html>".encode() * 4)
            for i in range(n)]


def _write_warc(path: Path, records, compress: bool) -> list[int]:
    """Write response records, each after a request record; the offset where each record
    starts (requests at even, responses at odd positions)."""
    starts = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for url, body in records:
            starts.append(fh.tell())
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            starts.append(fh.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers))
    return starts


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_file_cut_short_keeps_the_records_before_it(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    records = _records(3)
    offsets = _write_warc(path, records, compress)[1::2]
    data = path.read_bytes()
    # cut inside the third response: its header can be read (the item is its URL's) ...
    path.write_bytes(data[:-20])
    items = list(iter_inputs([str(path)]))
    assert [(i.kind, i.url, i.html_bytes) for i in items] == [
        ("warc_record", url, body) for url, body in records[:2]] + [
        ("unreadable", records[2][0], None)]
    assert items[2].source == f"{path}#offset={offsets[2]}"
    assert items[2].error.startswith(f"{path} is corrupt at offset {offsets[2]}: the file ends")
    assert "truncated" in items[2].error
    # ... or not (the item is the file's, at that offset)
    path.write_bytes(data[:offsets[2] + 5])
    items = list(iter_inputs([str(path)]))
    assert [i.kind for i in items] == ["warc_record", "warc_record", "unreadable"]
    assert items[2].url == f"{path.resolve().as_uri()}#offset={offsets[2]}"
    assert "truncated" in items[2].error
    assert [i.url for i in iter_inputs([str(path)])] == [i.url for i in items]   # stable keys


def test_a_plain_warc_record_cut_in_its_payload_is_that_records_item(tmp_path):
    path = tmp_path / "crawl.warc"
    records = _records(2)
    _write_warc(path, records, compress=False)
    path.write_bytes(path.read_bytes()[:-30])
    items = list(iter_inputs([str(path)]))
    assert [(i.kind, i.url) for i in items] == [("warc_record", records[0][0]),
                                                ("unreadable", records[1][0])]
    assert "bytes missing" in items[1].error


def test_a_corrupt_part_in_the_middle_of_a_warc_file_loses_only_that_part(tmp_path):
    records = _records(4)
    gz = tmp_path / "crawl.warc.gz"
    offsets = _write_warc(gz, records, compress=True)[1::2]
    data = bytearray(gz.read_bytes())
    data[offsets[1] + 40:offsets[1] + 80] = b"\x55" * 40   # the second response's member
    gz.write_bytes(bytes(data))
    plain = tmp_path / "crawl.warc"
    offsets_plain = _write_warc(plain, records, compress=False)[1::2]
    data = plain.read_bytes()
    at = offsets_plain[2]
    plain.write_bytes(data[:at] + b"GARBAGE LINE\r\n\r\n" + data[at:])   # a bad record header
    for path, bad, at in ((gz, 1, offsets[1]), (plain, 2, at)):
        items = list(iter_inputs([str(path)]))
        kept = {i.url: i.html_bytes for i in items if i.kind == "warc_record"}
        assert kept == {u: b for k, (u, b) in enumerate(records) if k != bad or path == plain}
        [broken] = [i for i in items if i.kind == "unreadable"]
        assert broken.url == f"{path.resolve().as_uri()}#offset={at}"
        assert f"is corrupt at offset {at}" in broken.error


@pytest.mark.parametrize("compress", [True, False])
def test_every_cut_of_a_warc_file_keeps_whole_records_and_reports_the_rest(tmp_path, compress):
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    records = _records(3)
    starts = _write_warc(path, records, compress)
    data = path.read_bytes()
    # a cut between records leaves a valid shorter file (plain: also in the blank lines
    # that end a record)
    between = {s - k for s in starts for k in range(1 if compress else 5)}
    for cut in range(starts[1] + 1, len(data), 7):
        path.write_bytes(data[:cut])
        items = list(iter_inputs([str(path)]))
        kept = [(i.url, i.html_bytes) for i in items if i.kind == "warc_record"]
        assert kept == records[:len(kept)], cut          # whole and in order, never garbled
        assert len(kept) >= sum(s + 4 <= cut for s in starts[2::2]), cut
        if cut not in between:
            assert items[-1].kind == "unreadable", cut


def test_a_warc_gzipped_as_one_member_is_read_too(tmp_path, monkeypatch):
    plain = tmp_path / "crawl.warc"
    records = _records(3)
    _write_warc(plain, records, compress=False)
    whole = tmp_path / "whole.warc.gz"                  # `gzip crawl.warc`: one member
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert [(i.url, i.html_bytes) for i in iter_inputs([str(whole)])] == records
    monkeypatch.setattr(inputs_mod, "_MEMBER_CHUNK", 100)   # a member too big to check first
    assert [(i.url, i.html_bytes) for i in iter_inputs([str(whole)])] == records


def test_duplicate_inputs_of_one_run_are_one_item(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"<p>a</p>")
    (tmp_path / "alias.html").symlink_to(folder / "a.html")
    (folder / "empty.html").write_bytes(b"")
    listing = tmp_path / "urls.txt"
    listing.write_text("https://a.example.org/x\nhttps://A.example.org/x#top\nbad\nbad\n")
    items = list(iter_inputs([str(folder), str(folder / "a.html"), str(tmp_path / "alias.html"),
                              str(folder), str(listing), "https://a.example.org/x?utm_id=1"]))
    assert [(i.kind, i.url) for i in items] == [
        ("file", (folder / "a.html").resolve().as_uri()),
        ("file", (folder / "empty.html").resolve().as_uri()),
        ("url", "https://a.example.org/x"),
        ("invalid", "bad")]


def test_a_pipe_named_on_the_command_line_is_read_as_a_url_list(tmp_path):
    pipe = tmp_path / "urls"                            # as from <(grep http notes.txt)
    os.mkfifo(pipe)

    def write() -> None:
        with open(pipe, "wb") as fh:
            fh.write(b"https://a.example.org/1\nnot a url\n")

    writer = threading.Thread(target=write)
    writer.start()
    items = list(iter_inputs([str(pipe)]))
    writer.join(5)
    assert [(i.kind, i.url) for i in items] == [("url", "https://a.example.org/1"),
                                                ("invalid", "not")]
