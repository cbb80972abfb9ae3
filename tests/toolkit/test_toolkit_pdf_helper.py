"""htpm.pdf: one soffice process per batch, a clear note when LibreOffice is missing."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pikepdf
import pytest

from htpm import pdf
from htpm.errors import HtpmError


def test_missing_soffice_is_a_one_line_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    assert not pdf.soffice_available()
    with pytest.raises(pdf.PdfUnavailable) as info:
        pdf.convert_to_pdf([tmp_path / "a.docx"], tmp_path)
    assert isinstance(info.value, HtpmError)
    assert str(info.value) == "LibreOffice (soffice) not found; wrote the .docx only"


def test_empty_batch_starts_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "_run", lambda *a: pytest.fail("soffice started for nothing"))
    assert pdf.convert_to_pdf([], tmp_path) == []


def test_one_process_with_a_private_profile_for_the_whole_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], env: dict[str, str], timeout: float) -> None:
        calls.append(command)
        profile = next(a for a in command if a.startswith("-env:UserInstallation=file:///tmp/htpm-lo-"))
        assert Path(profile.split("file://", 1)[1]).is_dir()
        for name in ("a", "b"):  # an empty PDF, as a stand-in for LibreOffice's
            pikepdf.new().save(tmp_path / "out" / f"{name}.pdf")

    for name in ("a", "b"):
        docx.Document().save(str(tmp_path / f"{name}.docx"))
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_run", fake_run)
    result = pdf.convert_to_pdf([tmp_path / "a.docx", tmp_path / "b.docx"], tmp_path / "out")
    assert result == [tmp_path / "out" / "a.pdf", tmp_path / "out" / "b.pdf"]
    assert len(calls) == 1
    options = json.loads(calls[0][calls[0].index("--convert-to") + 1].split(":", 2)[2])
    assert options["UseTaggedPDF"] == {"type": "boolean", "value": "true"}
    assert options["PDFUACompliance"] == {"type": "boolean", "value": "true"}
    assert options["ExportBookmarks"]["value"] == "true"
    profile = next(a for a in calls[0] if a.startswith("-env:"))
    assert not Path(profile.split("file://", 1)[1]).exists()  # removed afterwards


def test_missing_result_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "_run", lambda *a: None)
    with pytest.raises(pdf.PdfConversionFailed, match="did not convert a.pdf"):
        pdf.convert_to_pdf([tmp_path / "a.docx"], tmp_path)


def test_timeout_kills_soffice(tmp_path: Path) -> None:
    with pytest.raises(pdf.PdfConversionFailed, match="longer than 0.5 s"):
        pdf._run(["sleep", "30"], {}, 0.5)
