"""`htpm serve` serves only the built site and its own files: traversal in any encoding, absolute
paths and writes get nothing, and no request reads a file."""

from __future__ import annotations

import builtins
import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from htpm.serve.kit import Kit
from htpm.serve.server import State, make_server, make_state, site_name
from tests.conftest import WATER_SAFETY

TRAVERSALS = [
    "/../pyproject.toml",
    "/../../etc/passwd",
    "/%2e%2e/pyproject.toml",
    "/%2E%2E%2Fpyproject.toml",
    "/assets/..%2f..%2fpyproject.toml",
    "/assets/%2e%2e/%2e%2e/pyproject.toml",
    "/%252e%252e/pyproject.toml",
    "/..%5cpyproject.toml",
    "/..\\pyproject.toml",
    "//etc/passwd",
    "/etc/passwd",
    "/%2fetc%2fpasswd",
    "/C:/Windows/win.ini",
    "/index.html%00.png",
    "/_htpm/../index.html",
    "/_htpm/%2e%2e/index.html",
    "/_htpm/pages/../../pyproject.toml/1.png",
    "/%ff%fe",
    "http://example.org/../pyproject.toml",
]


@pytest.mark.parametrize("raw", TRAVERSALS)
def test_no_request_names_anything_outside_the_site(raw: str) -> None:
    name = site_name(raw)
    assert name is None or (".." not in name.split("/") and not name.startswith("/") and "\\" not in name)


def test_site_names() -> None:
    assert site_name("/") == "index.html"
    assert site_name("/week-1.html?x=1#y") == "week-1.html"
    assert site_name("/graphics/x/week%201.png") == "graphics/x/week 1.png"
    assert site_name("/assets/") == "assets/index.html"


@pytest.fixture
def server(water_safety) -> Iterator[tuple[str, int, State]]:  # type: ignore[no-untyped-def]
    state = make_state(WATER_SAFETY, None, lambda _m: None, want_images=False)
    state.kit = Kit(
        campaign=water_safety,
        files={"index.html": b"<html><head></head><body><main></main></body></html>", "a/b.txt": b"inside"},
        documents={},
    )
    httpd = make_server(state, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", httpd.server_address[1], state
    httpd.shutdown()
    httpd.server_close()


def _request(host: str, port: int, method: str, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.putrequest(method, path, skip_accept_encoding=True)  # sent exactly as written
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_traversal_gets_404_and_reads_nothing(server, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    host, port, _state = server
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(str(self)) or b"")
    for raw in TRAVERSALS[:-1]:
        status, body = _request(host, port, "GET", raw)
        assert status in (400, 404), raw
        assert b"[tool" not in body and b"root:" not in body, raw
    assert _request(host, port, "GET", "/a/b.txt") == (200, b"inside")
    assert opened == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_write_endpoints(server, method: str) -> None:  # type: ignore[no-untyped-def]
    host, port, state = server
    before = dict(state.kit.files)
    status, _ = _request(host, port, method, "/index.html")
    assert status == 405
    assert state.kit.files == before


def test_the_review_layer_escapes_what_it_shows(server) -> None:  # type: ignore[no-untyped-def]
    host, port, state = server
    state.errors = ['config.yaml:3:1: theme.name: "<script>alert(1)</script>"']
    status, body = _request(host, port, "GET", "/index.html")
    assert status == 200
    assert b"<script>alert" not in body and b"&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert b'role="alert"' in body and b"/_htpm/review.js" in body


def test_a_host_other_than_loopback_is_warned_about() -> None:
    from htpm.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
