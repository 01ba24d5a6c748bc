"""Formats rows for a terminal, a memo or another program: table, markdown, json, csv, tsv.

Rows are plain dicts with stable keys; a column is a key and a heading. Tables wrap their widest
cells so that a report fits an 80-column terminal.
"""

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]
Column = tuple[str, str]

FORMATS = ("table", "markdown", "json", "csv")


def render(rows: Sequence[Row], columns: Sequence[Column], fmt: str, *, width: int = 0) -> str:
    """Return ``rows`` in ``fmt``; json keeps every key, the other formats only ``columns``."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt in ("csv", "tsv"):
        return _delimited(rows, columns, "," if fmt == "csv" else "\t")
    if fmt == "markdown":
        return _markdown(rows, columns)
    return table(rows, columns, width=width or terminal_width())


def terminal_width() -> int:
    """Return the terminal's width, at most 100 and 80 when unknown (pipes, CI)."""
    return min(shutil.get_terminal_size((80, 24)).columns, 100)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


def _delimited(rows: Sequence[Row], columns: Sequence[Column], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([key for key, _ in columns])
    for row in rows:
        writer.writerow([_text(row.get(key)) for key, _ in columns])
    return out.getvalue()


def _markdown(rows: Sequence[Row], columns: Sequence[Column]) -> str:
    def cell(value: Any) -> str:
        return _text(value).replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join(heading for _, heading in columns) + " |",
        "| " + " | ".join("---" for _ in columns) + " |",
    ]
    lines += ["| " + " | ".join(cell(row.get(key)) for key, _ in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def table(rows: Sequence[Row], columns: Sequence[Column], *, width: int = 80) -> str:
    """Return an aligned plain-text table that fits ``width`` columns by wrapping cells.

    Examples:
        >>> print(table([{"a": "x", "b": "y"}], [("a", "A"), ("b", "B")]), end="")
        A  B
        -  -
        x  y
    """
    texts = [[_text(row.get(key)) for key, _ in columns] for row in rows]
    headings = [heading for _, heading in columns]
    widths = [
        max([len(headings[i])] + [len(line) for r in texts for line in r[i].splitlines() or [""]])
        for i in range(len(columns))
    ]
    gap = 2
    budget = width - gap * (len(columns) - 1)
    while sum(widths) > budget and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    out = [_line(headings, widths, gap), _line(["-" * w for w in widths], widths, gap)]
    for cells in texts:
        wrapped = [
            textwrap.wrap(cell, widths[i], break_long_words=True) or [""]
            for i, cell in enumerate(cells)
        ]
        for depth in range(max(len(w) for w in wrapped)):
            out.append(_line([w[depth] if depth < len(w) else "" for w in wrapped], widths, gap))
    return "\n".join(out) + "\n"


def _line(cells: Sequence[str], widths: Sequence[int], gap: int) -> str:
    return (" " * gap).join(cell.ljust(widths[i]) for i, cell in enumerate(cells)).rstrip()
