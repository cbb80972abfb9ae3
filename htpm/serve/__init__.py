"""`htpm serve`: review the kit as its website, rebuilt in memory on every change (see server)."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

__all__ = ["is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    config: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    locale: str | None = None,
    open_browser: bool = False,
    log: Callable[[str], None] = print,
    ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and watch until Ctrl-C (or `stop` is set). `ready` gets the address."""
    from htpm.serve.server import make_server, make_state, watch

    state = make_state(config, locale, log)
    server = make_server(state, host, port)  # first, so a port in use is said before a build
    state.build()
    address = f"http://{host if ':' not in host else f'[{host}]'}:{server.server_address[1]}/"
    stop = stop or threading.Event()
    watcher = threading.Thread(target=watch, args=(state, stop), daemon=True)
    watcher.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log(f"serving {address} (Ctrl-C to stop)")
    if ready:
        ready(address)
    if open_browser:
        webbrowser.open(address)
    try:
        stop.wait()
    except KeyboardInterrupt:
        log("stopped")
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
