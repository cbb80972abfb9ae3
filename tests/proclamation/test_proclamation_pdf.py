"""Filled documents convert with LibreOffice: one process for the batch, one page each, combined."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pypdf import PdfReader

from htpm.pdf import soffice_available
from htpm.proclamation import FillOptions, fill_csv

pytestmark = pytest.mark.skipif(not soffice_available(), reason="LibreOffice not installed")

ORGS = ["A & B <Parks>", "Ñandú Swim Club", "=1+1"]


def test_pdf_per_row_and_combined_in_one_batch(water_safety, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import htpm.pdf

    calls: list[int] = []
    real = htpm.pdf.convert_to_pdf

    def counting(paths, out_dir, timeout=180):  # type: ignore[no-untyped-def]
        calls.append(len(paths))
        return real(paths, out_dir, timeout)

    monkeypatch.setattr(htpm.pdf, "convert_to_pdf", counting)
    with (tmp_path / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["organization", "title", "jurisdiction", "year"])
        writer.writerows([[org, "Mayor", f"Town {i}", "2025"] for i, org in enumerate(ORGS)])
    out = tmp_path / "out"
    report = fill_csv(water_safety, tmp_path / "rows.csv", out, options=FillOptions(pdf=True, combined=True))
    assert calls == [4]  # three rows and the combined file, one LibreOffice process
    assert [p.name for p in report.pdfs] == [
        "A & B _Parks.pdf",
        "Ñandú Swim Club.pdf",
        "=1+1.pdf",
        "combined.pdf",
    ]
    for pdf, org in zip(report.pdfs, ORGS, strict=False):
        reader = PdfReader(pdf)
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert f"preventable and {org} is committed" in text
        assert reader.metadata.title == "Water Safety Month Proclamation"
    combined = PdfReader(out / "combined.pdf")
    assert len(combined.pages) == 3  # one page per row, no blank page between
    for page, org in zip(combined.pages, ORGS, strict=True):
        assert org in " ".join(page.extract_text().split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "rows.csv"]
