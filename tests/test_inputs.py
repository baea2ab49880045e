"""pipeline.inputs: URL hygiene and every input kind (URLs, lists, stdin, files, folders, WARC)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

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
