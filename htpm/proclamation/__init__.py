"""The fill-in proclamation: a blank for Word, one filled from the command line, thousands from a CSV.

fields(campaign) -> list[str]                      the CSV's columns
fill_one(campaign, values) -> bytes                one filled .docx
fill_values(campaign, values, out_dir, options)    one, written into out_dir
fill_csv(campaign, csv_path, out_dir, delimiter, options) -> FillReport
compile_proclamation(campaign) -> CompiledProclamation   render once, .fill(values) per row
"""

from htpm.proclamation.blank import blank_docx, blank_markdown
from htpm.proclamation.compiled import CompiledProclamation, compile_proclamation
from htpm.proclamation.fill import (
    FillOptions,
    FillReport,
    fields,
    fill_csv,
    fill_one,
    fill_values,
    parse_assignments,
)
from htpm.proclamation.rows import RowError

__all__ = [
    "CompiledProclamation",
    "FillOptions",
    "FillReport",
    "RowError",
    "blank_docx",
    "blank_markdown",
    "compile_proclamation",
    "fields",
    "fill_csv",
    "fill_one",
    "fill_values",
    "parse_assignments",
]
