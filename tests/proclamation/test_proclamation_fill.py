"""Filling: one and many; escaping; every document reopens and reads as the blank filled in."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from proclamation_helpers import PRIVATE_USE, assert_filled, docx_texts, expected_texts, xml_parts

from htpm.errors import HtpmError
from htpm.proclamation import FillOptions, compile_proclamation, fill_csv, fill_one, fill_values
from htpm.proclamation import fill as fill_module

VALUES = {
    "organization": "Lakeside Swim Club",
    "title": "Mayor",
    "jurisdiction": "Springfield",
    "year": "2025",
}


def test_fill_one(water_safety) -> None:  # type: ignore[no-untyped-def]
    data = fill_one(water_safety, VALUES)
    assert_filled(water_safety, data, VALUES)
    texts = docx_texts(data)
    assert (
        "Now, therefore, I, as Mayor of Springfield, do hereby proclaim May 2025 as Water Safety Month."
        in texts
    )
    doc = Document(io.BytesIO(data))
    assert not [r.text for p in doc.paragraphs for r in p.runs if r.font.highlight_color is not None]


def test_values_are_text_never_markup(water_safety) -> None:  # type: ignore[no-untyped-def]
    values = {
        **VALUES,
        "organization": "A & B <w:t>x</w:t> {{ title }} {title} **Ltd** &amp; \ue010year\ue011",
    }
    data = fill_one(water_safety, values)
    # read back exactly as given: even sentinel-like characters stay inert text
    assert docx_texts(data) == expected_texts(water_safety, values)
    assert "A &amp; B &lt;w:t&gt;x&lt;/w:t&gt;" in xml_parts(data)["word/document.xml"]


def test_default_fills_a_blank_value(water_safety) -> None:  # type: ignore[no-untyped-def]
    data = fill_one(water_safety, {**VALUES, "year": ""})
    assert "do hereby proclaim May 2025 as" in "\n".join(docx_texts(data))


def test_bad_values_are_one_error(water_safety) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(HtpmError) as info:
        fill_one(water_safety, {**VALUES, "title": "", "jurisdiction": "x" * 121})
    assert info.value.message == (
        "title: required value is blank; jurisdiction: 121 characters; the layout takes at most 120"
    )
    with pytest.raises(HtpmError, match="unknown field 'county' \\(fields: organization, title"):
        fill_one(water_safety, {**VALUES, "county": "x"})


def test_same_values_same_bytes(water_safety) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_proclamation(water_safety)
    assert compiled.fill(VALUES) == compiled.fill(dict(VALUES)) == fill_one(water_safety, VALUES)


def test_fill_values_writes_one_named_file(water_safety, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = fill_values(
        water_safety, VALUES, tmp_path / "out", FillOptions(name_pattern="{jurisdiction} {year}")
    )
    assert report.written == [(tmp_path / "out" / "Springfield 2025.docx").resolve()]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [".htpm-manifest.json", "Springfield 2025.docx"]
    assert_filled(water_safety, report.written[0].read_bytes(), VALUES)


def test_fill_goes_through_the_one_writer(water_safety, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Manifest, conflicts kept unless force, and a failed batch leaves the earlier files as they were."""
    out = tmp_path / "out"
    options = FillOptions(name_pattern="{jurisdiction}")
    first = fill_values(water_safety, VALUES, out, options)
    target = first.written[0]
    target.write_bytes(b"edited by hand")
    again = fill_values(water_safety, {**VALUES, "title": "Governor"}, out, options)
    assert again.conflicts == [target] and target.read_bytes() == b"edited by hand"
    forced = fill_values(
        water_safety,
        {**VALUES, "title": "Governor"},
        out,
        FillOptions(force=True, name_pattern="{jurisdiction}"),
    )
    assert forced.conflicts == [] and target.read_bytes() != b"edited by hand"
    before = target.read_bytes()

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("htpm.outputs.os.replace", broken)
    with pytest.raises(HtpmError, match="cannot write the outputs"):
        fill_values(water_safety, {**VALUES, "title": "Mayor"}, out, options)
    assert target.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [".htpm-manifest.json", "Springfield.docx"]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(VALUES))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("parallel", [False, True])
def test_fill_many(water_safety, tmp_path: Path, monkeypatch, parallel: bool) -> None:  # type: ignore[no-untyped-def]
    if parallel:
        monkeypatch.setattr(fill_module, "PARALLEL_FROM", 10)
        monkeypatch.setattr(fill_module, "CHUNK", 7)
    rows = [{**VALUES, "organization": f"Town {i} Pool", "jurisdiction": f"Town {i}"} for i in range(40)]
    rows[5]["organization"] = rows[6]["organization"] = "Same Name"
    _write_csv(tmp_path / "rows.csv", rows)
    options = FillOptions(combined=True, workers=2 if parallel else 1)
    report = fill_csv(water_safety, tmp_path / "rows.csv", tmp_path / "out", options=options)
    assert report.errors == [] and report.rows == 40 and len(report.written) == 40
    assert report.written[5].name == "Same Name.docx" and report.written[6].name == "Same Name-2.docx"
    for path, values in zip(report.written, rows, strict=True):
        assert_filled(water_safety, path.read_bytes(), values)
    combined = docx_texts(report.combined[0].read_bytes())
    single = docx_texts(report.written[0].read_bytes())
    assert len(combined) == 40 * len(single) + 39  # a page-break paragraph between each
    assert combined[: len(single)] == single
    assert not PRIVATE_USE.search(xml_parts(report.combined[0].read_bytes())["word/document.xml"])
    with report.report.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [line["file"] for line in lines] == [p.name for p in report.written]
    assert {line["status"] for line in lines} == {"written"}


def test_2023_fill(campaign_2023, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from htpm.proclamation import fields

    assert fields(campaign_2023) == ["organization", "title", "jurisdiction", "year", "signer_name"]
    values = {"organization": "State of Ohio", "title": "Governor", "jurisdiction": "Ohio", "year": "2023"}
    data = fill_one(campaign_2023, values)
    assert_filled(campaign_2023, data, values)
    text = "\n".join(docx_texts(data))
    assert text.count("State of Ohio") == 4
    assert "I, as Governor of Ohio, do hereby proclaim the month of January 2023 as" in text


@pytest.fixture(scope="module")
def compiled(water_safety):  # type: ignore[no-untyped-def]
    return compile_proclamation(water_safety)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=120,
    )
)
def test_any_text_value_reads_back_exactly(compiled, value: str) -> None:  # type: ignore[no-untyped-def]
    expected = unicodedata.normalize("NFC", value).strip()
    assume(expected and len(expected) <= 120)
    data = compiled.fill({**VALUES, "organization": expected})
    assert docx_texts(data)[5] == (
        f"Whereas drowning is preventable and {expected} is committed to teaching every child to swim;"
    )
