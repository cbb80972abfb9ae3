"""PDFs from LibreOffice get stable bytes: time stamps and IDs replaced in place, lengths kept."""

from __future__ import annotations

from htpm.pdf import stable_pdf

SAMPLE = (
    b"%PDF-1.6\n1 0 obj<</CreationDate(D:20261121115751Z')/Producer(LibreOffice)>>endobj\n"
    b"trailer\n<</Size 2/Root 1 0 R\n"
    b"/ID [ <D48C5FAD936690BD0112A929AF888F5A>\n<D48C5FAD936690BD0112A929AF888F5A> ]\n"
    b"/DocChecksum /5F4F272DB8D2C5F12F62F1D4951332CE\n>>\nstartxref\n0\n%%EOF\n"
)


def test_conversion_time_and_id_do_not_change_the_bytes() -> None:
    later = SAMPLE.replace(b"20261121115751", b"20270101093000").replace(b"D48C5FAD", b"0000AAAA")
    assert stable_pdf(SAMPLE) == stable_pdf(later)
    assert len(stable_pdf(SAMPLE)) == len(SAMPLE)
    assert b"D:20000101000000Z'" in stable_pdf(SAMPLE)


def test_different_content_gives_a_different_id() -> None:
    other = SAMPLE.replace(b"LibreOffice", b"LibreOffise")
    assert stable_pdf(SAMPLE).split(b"/ID")[1] != stable_pdf(other).split(b"/ID")[1]
