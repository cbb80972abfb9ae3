"""CSV files a spreadsheet can open safely: UTF-8, a header row, RFC 4180 quoting and line
ends, and no cell that a spreadsheet would run as a formula (or, for upload forms, every cell as
written)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from htpm.spreadsheet import needs_neutralising, neutralise

__all__ = ["csv_bytes", "needs_neutralising", "neutralise"]


def _as_written(cell: object) -> str:
    return "" if cell is None else str(cell)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], *, spreadsheet: bool = True) -> bytes:
    """UTF-8 (no BOM: upload forms read it as part of the first header) CSV with CRLF line ends.

    `spreadsheet=False` is for files only an upload form reads (Buffer, Sprout Social): cells are
    written as they are, since a form would publish a neutralising `'`; the caller makes sure no
    cell starts like a formula (`htpm.social.uploads`)."""
    cell_text = neutralise if spreadsheet else _as_written
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([cell_text(h) for h in header])
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row has {len(row)} cells, header {len(header)}")
        writer.writerow([cell_text(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
