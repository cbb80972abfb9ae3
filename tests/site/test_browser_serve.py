"""`htpm serve` in Chromium: the served pages load cleanly and pass axe-core with the review
layer on; an edit to the config shows on the open page without a reload by hand; a broken config
shows its file:line errors over the last good kit, and the page recovers when it is fixed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import WATER_SAFETY
from tests.site.conftest import Watched, images_loaded, serious_violations

WAIT_MS = 180_000  # a full rebuild in memory, on a busy shared machine


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """`htpm serve` of a copy of the water-safety campaign (one graphics size, and without
    LibreOffice, to keep each rebuild short), in this process, on a free port."""
    from htpm.serve import serve

    monkeypatch.setattr("htpm.pdf.find_soffice", lambda: None)
    config = tmp_path / "config.yaml"
    config.write_text(
        WATER_SAFETY.read_text(encoding="utf-8") + "\ngraphics:\n  sizes: [instagram_square]\n",
        encoding="utf-8",
    )
    ready: list[str] = []
    started, stop = threading.Event(), threading.Event()

    def run() -> None:
        serve(
            config, port=0, log=lambda _m: None, ready=lambda a: (ready.append(a), started.set()), stop=stop
        )

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(300), "htpm serve did not start"
    yield ready[0], config
    stop.set()
    thread.join(30)


def test_served_pages_are_clean_and_follow_the_config(browser, served, axe_source: str) -> None:  # type: ignore[no-untyped-def]
    address, config = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        watched = Watched(context.new_page())
        page = watched.page
        for name in ("index.html", "week-1.html"):
            page.goto(address + name)
            assert images_loaded(page) == [], name
            assert page.locator("#htpm-review").count() == 1
            for width in (1280, 375):
                page.set_viewport_size({"width": width, "height": 900})
                assert serious_violations(page, axe_source) == [], (name, width)
        assert [e for e in watched.errors if "/_htpm/events" not in e] == []  # leaving a page ends its stream

        page.goto(address + "index.html")
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("Swim Smart Together", "Swim Safer Together"), encoding="utf-8")
        page.wait_for_function(
            "() => document.body.innerText.includes('Swim Safer Together')", timeout=WAIT_MS
        )

        good = config.read_text(encoding="utf-8")
        config.write_text(
            good.replace("  name: Swim Safer Together", "  nmae: Swim Safer Together"), encoding="utf-8"
        )
        page.wait_for_selector(".htpm-errors", timeout=WAIT_MS)
        errors = page.locator(".htpm-errors").inner_text()
        assert f"{config}:" in errors or "config.yaml:" in errors
        assert "theme.nmae" in errors
        assert "Swim Safer Together" in page.locator("main").inner_text()  # the last good kit stays

        config.write_text(good, encoding="utf-8")
        page.wait_for_selector(".htpm-errors", state="detached", timeout=WAIT_MS)
        assert "Swim Safer Together" in page.locator("main").inner_text()
        assert [e for e in watched.errors if "events" not in e] == []
    finally:
        context.close()
