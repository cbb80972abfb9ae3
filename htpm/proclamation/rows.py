"""Bulk rows from a spreadsheet's CSV: untrusted, checked column by column before anything renders.

Excel writes UTF-8 with a byte order mark and, in many locales, `;` between cells: both work
(`delimiter` is given, never guessed). The header names the fields (case and outer spaces do not
matter); a missing or unknown column stops everything with one error naming it. Rows are
numbered as the spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from htpm.errors import HtpmError, UsageError
from htpm.model import Placeholder
from htpm.paths import read_limited
from htpm.spreadsheet import neutralise

__all__ = ["Row", "RowError", "read_rows", "report_csv"]


@dataclass(frozen=True)
class Row:
    number: int  # spreadsheet row (header = 1)
    cells: dict[str, str]  # field -> raw cell text
    problem: str | None = None  # a structural problem (too many cells)


@dataclass(frozen=True)
class RowError:
    """One bad value (or a bad row when `field` is 'row'), shown as FILE:ROW: field: message."""

    source: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.row}: {self.field}: {self.message}"


MAX_CSV_BYTES = 200_000_000  # far over a state's every county; a link to /dev/zero stops here


def read_rows(path: Path, placeholders: list[Placeholder], delimiter: str = ",") -> list[Row]:
    """The data rows of the CSV at `path`; HtpmError for an unreadable file or wrong columns."""
    if len(delimiter) != 1 or delimiter in '\r\n"':
        raise UsageError(f"--delimiter: expected one character such as ',' or ';', not {delimiter!r}")
    try:
        text = read_limited(path, MAX_CSV_BYTES).decode("utf-8-sig")
    except FileNotFoundError:
        raise HtpmError("file not found", path) from None
    except UnicodeDecodeError as exc:
        raise HtpmError(f"not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8'", path) from None
    except OSError as exc:
        raise HtpmError(f"cannot read it ({exc.strerror})", path) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [record for record in reader]
    except csv.Error as exc:
        raise HtpmError(f"line {reader.line_num}: not valid CSV ({exc})", path) from None
    numbered = [(n, rec) for n, rec in enumerate(records, 1) if any(cell.strip() for cell in rec)]
    if not numbered:
        raise HtpmError("the file is empty; the first row must name the columns", path)
    (_header_row, header), data = numbered[0], numbered[1:]
    if len(header) == 1:
        others = [d for d in ",;\t|" if d != delimiter and d in header[0]]
        if others:
            hint = {"\t": "\\t"}.get(others[0], others[0])
            raise HtpmError(
                f"the header is one column; are cells separated by {others[0]!r}? (--delimiter '{hint}')",
                path,
            )
    columns = _columns(path, header, placeholders, data)
    rows = []
    for number, record in data:
        cells = {field: record[i] if i < len(record) else "" for i, field in columns.items()}
        extra = [cell for i, cell in enumerate(record) if i not in columns and cell.strip()]
        problem = f"{len(record)} cells but the header has {len(header)}" if extra else None
        rows.append(Row(number, cells, problem))
    return rows


def _columns(
    path: Path, header: list[str], placeholders: list[Placeholder], data: list[tuple[int, list[str]]]
) -> dict[int, str]:
    """Column index -> field; every unknown, duplicate or missing column named in one error."""
    fields = {p.name: p for p in placeholders}
    columns: dict[int, str] = {}
    problems: list[str] = []
    for index, name in enumerate(header):
        key = name.strip().casefold()
        if not key:
            if any(index < len(rec) and rec[index].strip() for _n, rec in data):
                problems.append(f"column {index + 1} has values but no name")
        elif key not in fields:
            problems.append(f"unknown column {name.strip()!r}")
        elif key in columns.values():
            problems.append(f"column {name.strip()!r} appears twice")
        else:
            columns[index] = key
    for p in placeholders:
        if p.name not in columns.values() and p.required and p.default is None:
            problems.append(f"missing column {p.name!r}")
    if problems:
        raise HtpmError(f"{'; '.join(problems)} (the columns are the fields: {', '.join(fields)})", path)
    return columns


def report_csv(lines: Iterable[tuple[int, str, str, str, str]]) -> bytes:
    """fill-report.csv: row, status, file, field, message; UTF-8 with BOM for Excel; no formulas."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["row", "status", "file", "field", "message"])
    for row, status, file, field, message in lines:
        writer.writerow([str(row), status, neutralise(file), neutralise(field), neutralise(message)])
    return buffer.getvalue().encode("utf-8-sig")
