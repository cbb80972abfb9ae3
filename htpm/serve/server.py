"""`htpm serve`: the kit's site from an in-memory build, with the review layer, reloading itself.

Safety: the server answers GET and HEAD only. It serves the site's files from the build in
memory and its own few static files, looked up by exact name in dictionaries: a request never
becomes a file-system path, so `/../`, encoded dots or slashes and absolute paths find nothing
(404). It binds to loopback unless another host is asked for (the CLI warns then).

Live: a watcher (watchfiles) sees a change to the config, its Markdown, a template, a layout or
an asset; the kit is rebuilt in memory (`htpm.serve.kit.rebuild`) and every open page, listening
on `/_htpm/events` (server-sent events), reloads itself. A config with errors keeps the last good
kit on screen, with the errors on top as the same file:line lines `htpm build` prints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from htpm.errors import HtpmError
from htpm.labels import merged_labels, with_prefix
from htpm.paths import templates_dir
from htpm.serve import review
from htpm.serve.kit import Kit, error_lines, page_images, rebuild

STATIC = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
HEARTBEAT = 15.0  # seconds between keep-alive comments on the event stream
TYPES = {  # a fixed table: the system's mime.types would make answers differ between machines
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass
class State:
    """What the server shows: the last good kit, the current errors, and a generation number that
    every rebuild (good or bad) increases, which open pages watch."""

    config: Path
    locale: str | None
    kit: Kit | None = None
    errors: list[str] = field(default_factory=list)
    generation: int = 0
    images: str = "none"  # "pending", "ready" or "none"
    changed: threading.Condition = field(default_factory=threading.Condition)
    static: dict[str, bytes] = field(default_factory=dict)
    default_labels: dict[str, str] = field(default_factory=dict)
    log: Callable[[str], None] = lambda _m: None
    want_images: bool = True

    def labels(self) -> dict[str, str]:
        return self.kit.campaign.labels_of("site") if self.kit else self.default_labels

    def bump(self) -> None:
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def build(self) -> None:
        """Rebuild; on a mistake keep the last good kit and show the mistake."""
        try:
            kit = rebuild(self.config, self.locale, self.kit)
        except HtpmError as exc:
            self.errors = error_lines(exc)
            for line in self.errors:
                self.log(line)
        else:
            self.kit, self.errors = kit, []
            self.images = "ready" if kit.page_images else ("pending" if self.want_images else "none")
            self.log(f"built: {len(kit.files)} files")
        self.bump()
        if self.kit is not None and self.images == "pending":
            threading.Thread(target=self._page_images, args=(self.kit,), daemon=True).start()

    def _page_images(self, kit: Kit) -> None:
        images = page_images(kit)
        if self.kit is kit:
            kit.page_images = images
            self.images = "ready" if images else "none"
            self.bump()


def make_state(
    config: Path, locale: str | None, log: Callable[[str], None], want_images: bool = True
) -> State:
    base = templates_dir()
    static = {name: (base / "serve" / name).read_bytes() for name in STATIC}
    labels = with_prefix(merged_labels([base / "labels" / "en"], {}), "site")
    return State(config, locale, static=static, default_labels=labels, log=log, want_images=want_images)


class Handler(BaseHTTPRequestHandler):
    state: State  # set on the subclass made per server
    server_version = "htpm-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        return

    # -- no writes ----------------------------------------------------------------------------
    def _refuse(self) -> None:
        self._send(
            HTTPStatus.METHOD_NOT_ALLOWED, b"method not allowed\n", "text/plain", {"Allow": "GET, HEAD"}
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse  # noqa: N815

    def do_HEAD(self) -> None:  # noqa: N802
        self._get(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._get(head=False)

    # -- lookup -------------------------------------------------------------------------------
    def _get(self, head: bool) -> None:
        name = site_name(self.path)
        state = self.state
        if name is None:
            return self._not_found(head)
        if name == "_htpm/events":
            return self._events()
        if name.startswith("_htpm/"):
            return self._own(name[len("_htpm/") :], head)
        kit = state.kit
        if kit is None:
            if name.endswith(".html"):
                page = review.error_page(state.errors, state.default_labels)
                html = review.inject(page, None, state.errors, state.default_labels, "none", state.generation)
                return self._send(HTTPStatus.OK, html.encode(), "text/html; charset=utf-8", head=head)
            return self._not_found(head)
        data = kit.files.get(name)
        if data is None:
            return self._not_found(head)
        if name.endswith(".html"):
            html = review.inject(
                data.decode("utf-8"), kit, state.errors, state.labels(), state.images, state.generation
            )
            return self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8", head=head)
        return self._send(HTTPStatus.OK, data, content_type(name), head=head)

    def _own(self, name: str, head: bool) -> None:
        if name in self.state.static:
            return self._send(HTTPStatus.OK, self.state.static[name], STATIC[name], head=head)
        kit = self.state.kit
        parts = name.split("/")
        if kit and len(parts) >= 3 and parts[0] == "pages" and parts[-1].endswith(".png"):
            pages = kit.page_images.get("/".join(parts[1:-1]), [])
            number = parts[-1][: -len(".png")]
            if number.isdigit() and 1 <= int(number) <= len(pages):
                return self._send(HTTPStatus.OK, pages[int(number) - 1], "image/png", head=head)
        return self._not_found(head)

    def _not_found(self, head: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head=head)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        ctype: str,
        headers: dict[str, str] | None = None,
        head: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    # -- live reload --------------------------------------------------------------------------
    def _events(self) -> None:
        """Server-sent events: the generation now, then each new one (open pages reload on it)."""
        state = self.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = -1
        try:
            while True:
                with state.changed:
                    if seen == state.generation:
                        state.changed.wait(HEARTBEAT)
                    now = state.generation
                if now != seen:
                    self.wfile.write(f"data: {now}\n\n".encode())
                    seen = now
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def site_name(raw: str) -> str | None:
    """The site file a request asks for, or None: never a path outside the site, whatever the
    encoding (`%2e%2e`, `%2f`, backslashes, NUL, doubled slashes, absolute paths)."""
    path = urlsplit(raw).path
    if not path.startswith("/") or path.startswith("//"):
        return None
    try:
        name = unquote(path[1:], errors="strict")
    except UnicodeDecodeError:
        return None
    if name == "" or name.endswith("/"):
        name += "index.html"
    if any(ch in name for ch in ("\\", "\x00", ":")) or name.startswith("/"):
        return None
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


def content_type(name: str) -> str:
    return TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def make_server(state: State, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def watch_paths(state: State) -> list[Path]:
    """The config's folders, htpm's templates and brand assets (and the config's extends)."""
    from htpm.paths import brand_assets_dir

    folders = [state.config.resolve().parent, templates_dir(), brand_assets_dir()]
    if state.kit is not None:
        folders += list(state.kit.campaign.config_dirs)
    return list(dict.fromkeys(p.resolve() for p in folders if p.exists()))


WATCHED_SUFFIXES = (
    ".yaml", ".yml", ".md", ".markdown", ".txt", ".j2", ".js", ".css", ".docx", ".pptx", ".csv",
    ".png", ".jpg", ".jpeg", ".gif", ".ttf", ".otf",
)  # fmt: skip


def watch(state: State, stop: threading.Event) -> None:
    """Rebuild after each change under the watched folders, until `stop` is set. Only inputs count
    (configs, Markdown, templates, layouts, assets); watchfiles' default filter already skips
    version-control and cache folders."""
    import watchfiles

    class Inputs(watchfiles.DefaultFilter):
        def __call__(self, change: watchfiles.Change, path: str) -> bool:
            return super().__call__(change, path) and path.lower().endswith(WATCHED_SUFFIXES)

    paths = watch_paths(state)
    for changes in watchfiles.watch(*paths, watch_filter=Inputs(), stop_event=stop, debounce=300, step=100):
        names = sorted({Path(path).name for _kind, path in changes})
        state.log(f"changed: {', '.join(names)}")
        state.build()
