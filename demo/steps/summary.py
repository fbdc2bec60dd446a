"""Step: the summary table to CSV (UTF-8 with BOM) and to the terminal."""

from __future__ import annotations

import unicodedata

from ..context import DemoContext


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - display_width(text))
    return space + text if right else text + space


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(pad(h, w, i > 0) for i, (h, w) in enumerate(zip(headers, widths))),
        "  ".join("-" * w for w in widths),
    ]
    for row in rows:
        lines.append("  ".join(pad(c, w, i > 0) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(lines)


def run(ctx: DemoContext) -> None:
    table = ctx.summary.table("Summary by district")
    csv_path = table.write_csv(ctx.out / "summary.csv")
    ctx.outputs.append(csv_path)
    print()
    print(ctx.title)
    print()
    print(format_table(table.headers, table.rows))
    print()
    for label, value in ctx.facts:
        print(f"{label}: {value}")
    for name, seconds in ctx.timings:
        print(f"step {name}: {seconds:.1f} s")
    print()
    print(f"Written to {ctx.out}:")
    for path in ctx.outputs:
        print(f"  {path.name}")
