"""CSV files a spreadsheet can open safely: UTF-8, a header row, RFC 4180 quoting and line
ends, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from htpm.spreadsheet import needs_neutralising, neutralise

__all__ = ["csv_bytes", "needs_neutralising", "neutralise"]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 (no BOM: upload forms read it as part of the first header) CSV with CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row has {len(row)} cells, header {len(header)}")
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")
