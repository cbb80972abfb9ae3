"""Findings as text (one a line, like a compiler) or JSON (for tools)."""

from __future__ import annotations

import json
from collections import Counter

from htpm.lint.engine import SEVERITY_ORDER, Finding


def format_finding(f: Finding) -> str:
    where = f"{f.location.file}:{f.location.line or 1}:{f.location.col or 1}"
    tail = f" ({f.suggestion})" if f.suggestion else ""
    return f"{where}: {f.severity} {f.rule_id}: {f.message}{tail}"


def format_text(findings: list[Finding]) -> str:
    """`path:LINE:COL: severity rule-id: message (suggestion)`, one finding a line."""
    return "\n".join(format_finding(f) for f in findings)


def summary(findings: list[Finding]) -> str:
    """'1 error, 3 warnings, 0 info (readability 2, statistic-source 1, jargon 1)'."""
    counts = Counter(f.severity for f in findings)
    parts = [
        f"{counts.get(s, 0)} {s}{'s' if counts.get(s, 0) != 1 and s != 'info' else ''}"
        for s in SEVERITY_ORDER
    ]
    by_rule = Counter(f.rule_id for f in findings).most_common()
    detail = f" ({', '.join(f'{rule} {n}' for rule, n in by_rule)})" if by_rule else ""
    return ", ".join(parts) + detail


def format_json(findings: list[Finding]) -> str:
    """{"findings": [{file, line, column, severity, rule, message, suggestion, match}], "counts": {...}}."""
    counts = Counter(f.severity for f in findings)
    items = [
        {
            "file": f.location.file,
            "line": f.location.line,
            "column": f.location.col,
            "severity": f.severity,
            "rule": f.rule_id,
            "message": f.message,
            "suggestion": f.suggestion,
            "match": f.match,
        }
        for f in findings
    ]
    return json.dumps({"findings": items, "counts": {s: counts.get(s, 0) for s in SEVERITY_ORDER}}, indent=2)


def failed(findings: list[Finding], strict: bool = False) -> bool:
    """Errors fail; warnings fail only when strict; info never does."""
    failing = {"error", "warning"} if strict else {"error"}
    return any(f.severity in failing for f in findings)
