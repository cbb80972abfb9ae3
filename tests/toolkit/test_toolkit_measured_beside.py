"""In a build, LibreOffice measures the toolkit's pages while the next generators run.

The measuring conversion is replaced by a stand-in (the real one is in test_toolkit_pdf.py) that
waits for the generator after the toolkit, so each test sees the order of events, not a timing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

import htpm.generators.toolkit as toolkit
import htpm.pdf
from htpm.artifacts import Artifact, BuildContext
from htpm.build import generate_all
from htpm.campaign import Campaign
from htpm.generators import REGISTRY, Generator
from htpm.pdf import PdfConversionFailed

TOOLKIT = next(g for g in REGISTRY if g.name == "toolkit")
SOCIAL = next(g for g in REGISTRY if g.name == "social")


def _pages(firsts: Any) -> list[tuple[dict[str, int], int]]:  # noqa: ANN401 - BuiltDocuments
    return [({ref.bookmark: number for number, ref in enumerate(f.headings, 2)}, 40) for f in firsts]


@pytest.fixture
def office(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toolkit, "soffice_available", lambda: True)


def test_the_next_generator_runs_while_the_pages_are_measured(
    water_safety: Campaign, office: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    social_ran = threading.Event()
    events: list[str] = []

    def measure(firsts: Any) -> list[tuple[dict[str, int], int]]:  # noqa: ANN401
        assert social_ran.wait(timeout=60), "the build waited for the measurement"
        events.append("measured")
        return _pages(firsts)

    original = SOCIAL.generate

    def social(campaign: Campaign, ctx: BuildContext) -> list[Artifact]:
        made = original(campaign, ctx)
        events.append("social")
        social_ran.set()
        return made

    monkeypatch.setattr(toolkit, "_measure", measure)
    monkeypatch.setattr(Generator, "generate", property(lambda g: social if g is SOCIAL else original_of(g)))
    ctx = BuildContext()
    warned: dict[str, list[str]] = {}
    made = generate_all(water_safety, [TOOLKIT, SOCIAL], ctx, warned=warned)  # type: ignore[arg-type]
    assert events == ["social", "measured"]
    built = {a.path: a.data for a in made}
    # the same bytes as a toolkit measured on the spot, with the same numbers
    monkeypatch.setattr(toolkit, "_measure", _pages)
    alone = toolkit.generate(water_safety, BuildContext())
    assert built["toolkit.docx"] == alone[0].data
    assert not ctx.deferred and not ctx.may_defer


def test_every_locale_is_measured_in_one_office_run(
    tmp_path: Path, office: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build of English and Spanish starts LibreOffice once for both toolkits, each document
    gets its own numbers, and a second build measures nothing (the numbers are in the cache)."""
    from htpm.build import build
    from tests.conftest import ROOT

    runs: list[int] = []

    def measure(firsts: Any) -> list[tuple[dict[str, int], int]]:  # noqa: ANN401
        runs.append(len(firsts))
        return _pages(firsts)

    monkeypatch.setattr(toolkit, "_measure", measure)
    config = ROOT / "tests" / "data" / "bike-safety" / "config.yaml"  # English and Spanish
    result = build(config, tmp_path / "out", lint=False, only=["toolkit"])
    assert runs == [2]
    assert [r.out_dir.name for r in result.locales] == ["out", "es-US"]
    for locale in result.locales:
        written = (locale.out_dir / "toolkit.docx").read_bytes()
        monkeypatch.setattr(toolkit, "_measure", _pages)
        alone = toolkit.generate(locale.campaign, BuildContext())[0].data
        assert written == alone  # the same bytes as the toolkit measured on its own
    monkeypatch.setattr(toolkit, "_measure", measure)
    (tmp_path / "out" / "toolkit.docx").unlink()  # the toolkit must run again; its pages are known
    build(config, tmp_path / "out", lint=False, only=["toolkit"])
    assert runs == [2]


def original_of(generator: Generator) -> Any:  # noqa: ANN401
    import importlib

    return importlib.import_module(generator.module).generate


def test_a_failed_measurement_warns_as_the_toolkit(
    water_safety: Campaign, office: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_firsts: Any) -> list[tuple[dict[str, int], int]]:  # noqa: ANN401
        raise PdfConversionFailed("LibreOffice did not convert toolkit.docx")

    monkeypatch.setattr(toolkit, "_measure", fail)
    ctx = BuildContext()
    warned: dict[str, list[str]] = {}
    made = generate_all(water_safety, [TOOLKIT, SOCIAL], ctx, warned=warned)  # type: ignore[arg-type]
    assert "toolkit.docx" in {a.path for a in made}
    assert [w.kind for w in warned["toolkit"]] == ["pdf"]
    assert "no page numbers" in warned["toolkit"][0]
    assert not [w for w in warned["social"] if w.kind == "pdf"]


def test_an_interrupted_build_ends_the_measuring_office(
    water_safety: Campaign, office: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A Ctrl-C in a later generator ends the LibreOffice run still measuring (its process group)."""
    started = threading.Event()
    pids: list[int] = []

    def slow_office(_firsts: Any) -> list[tuple[dict[str, int], int]]:  # noqa: ANN401
        original_popen = htpm.pdf.subprocess.Popen

        def popen(*args: Any, **kwargs: Any) -> Any:  # noqa: ANN401
            process = original_popen(*args, **kwargs)
            pids.append(process.pid)
            started.set()
            return process

        monkeypatch.setattr(htpm.pdf.subprocess, "Popen", popen)
        htpm.pdf._run(["sleep", "120"], dict(os.environ), timeout=300)
        raise PdfConversionFailed("ended")

    def interrupted(_campaign: Campaign, _ctx: BuildContext) -> list[Artifact]:
        assert started.wait(timeout=60)
        raise KeyboardInterrupt

    monkeypatch.setattr(toolkit, "_measure", slow_office)
    monkeypatch.setattr(
        Generator, "generate", property(lambda g: interrupted if g is SOCIAL else original_of(g))
    )
    with pytest.raises(KeyboardInterrupt):
        generate_all(water_safety, [TOOLKIT, SOCIAL], BuildContext())  # type: ignore[arg-type]
    assert pids
    assert _gone_soon(pids[0]), "LibreOffice outlived the interrupted build"
    assert not htpm.pdf._RUNNING


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _gone_soon(pid: int) -> bool:
    import time

    for _ in range(200):  # ended at once; reaped by the thread that waited on it
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return False
