"""One in-memory build of the small water-safety campaign for the site's tests (the same
`generate_all` as `htpm build`), and its site written to a folder for the browser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from htpm.artifacts import Artifact, BuildContext
from htpm.build import generate_all
from htpm.campaign import Campaign
from htpm.generators import select


@pytest.fixture(scope="session")
def water_build(water_safety: Campaign) -> list[Artifact]:
    return generate_all(water_safety, select(None), BuildContext())


@pytest.fixture(scope="session")
def site_files(water_build: list[Artifact]) -> dict[str, bytes]:
    return {a.path.removeprefix("site/"): a.data for a in water_build if a.path.startswith("site/")}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, water_build: list[Artifact]) -> Path:
    """The build written as `htpm build` writes it (the site is at DIR/site/)."""
    from htpm.outputs import write_artifacts

    out = tmp_path_factory.mktemp("dist")
    write_artifacts(water_build, out)
    return out / "site"


# -- the browser: Debian's chromium driven by Playwright, one for the whole run ------------------
VENDOR = Path(__file__).parent / "vendor"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for every browser test (Playwright cannot download its own here)."""
    import shutil

    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = next((p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (VENDOR / "axe.min.js").read_text(encoding="utf-8")


class Watched:
    """A page with its console errors and failed requests collected."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.errors.append(f"failed: {req.url}"))


def serious_violations(page, axe_source: str) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def images_loaded(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The images on the page that did not load (naturalWidth 0), after waiting for them."""
    page.wait_for_load_state("load")
    return page.evaluate(
        "() => Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
