"""Fit a table into a box: font size, column widths and line breaks from the text itself.

QGIS sizes a layout table's columns from their contents, so a table with long headers
runs past its frame. Here every cell is measured with the font the sheet uses; headers and
text cells are wrapped at spaces (Chinese text between any two characters), the font shrinks
step by step down to a minimum, and when the rows still do not fit the last ones are left out
with a note (the CSV holds them all). The result gives explicit widths and line breaks, so
the table never overflows whatever the text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from qgis.PyQt.QtGui import QFont, QFontMetricsF, QImage

PT_MM = 25.4 / 72.0  # one typographic point in millimetres
_REF_PT = 50.0  # measure at a large size and scale: hinting errors become negligible


@dataclass
class TableFit:
    """How a table is set: font size (pt), column widths (mm, text only), wrapped cells."""

    font_pt: float
    widths: list[float]
    headers: list[str]  # with "\n" where a header wraps
    rows: list[list[str]]
    row_heights: list[float]  # mm, header first
    dropped_rows: int
    margin: float

    @property
    def width(self) -> float:
        return sum(self.widths) + 2 * self.margin * len(self.widths)

    @property
    def height(self) -> float:
        return sum(self.row_heights)


@lru_cache(maxsize=32)
def _metrics(family: str, bold: bool) -> QFontMetricsF:
    image = QImage(4, 4, QImage.Format_ARGB32)
    image.setDotsPerMeterX(3780)  # 96 dpi
    image.setDotsPerMeterY(3780)
    font = QFont(family)
    font.setBold(bold)
    font.setPointSizeF(_REF_PT)
    return QFontMetricsF(font, image)


def text_width_mm(text: str, family: str, size_pt: float, bold: bool = False) -> float:
    """Width of the widest line of ``text`` in millimetres at ``size_pt``."""
    m = _metrics(family, bold)
    px = max((m.horizontalAdvance(line) for line in text.split("\n")), default=0.0)
    return px / 96.0 * 25.4 * size_pt / _REF_PT


def line_height_mm(family: str, size_pt: float, bold: bool = False) -> float:
    m = _metrics(family, bold)
    return m.height() / 96.0 * 25.4 * size_pt / _REF_PT


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str) -> list[str]:
    """Break opportunities: words (with their trailing space) and each CJK character."""
    out: list[str] = []
    word = ""
    for ch in text:
        if _is_wide(ch):
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap_text(text: str, width_mm: float, family: str, size_pt: float, bold=False) -> str:
    """Insert line breaks so that each line is at most ``width_mm`` wide (a single word
    wider than that is broken between characters)."""
    lines: list[str] = []

    def fits(t: str) -> bool:
        return text_width_mm(t.rstrip(), family, size_pt, bold) <= width_mm

    for paragraph in text.split("\n"):
        line = ""
        for token in _tokens(paragraph):
            if fits(line + token):
                line += token
                continue
            if line:
                lines.append(line.rstrip())
                line = ""
            while not fits(token):  # a word wider than the column: cut between characters
                cut = len(token.rstrip()) - 1
                while cut > 1 and not fits(token[:cut]):
                    cut -= 1
                cut = max(cut, 1)
                lines.append(token[:cut])
                token = token[cut:]
                if len(token.rstrip()) <= 1:
                    break
            line = token
        lines.append(line.rstrip())
    return "\n".join(lines)


def _min_width(text: str, family: str, size: float, bold: bool, breakable: bool) -> float:
    if not breakable:
        return text_width_mm(text, family, size, bold)
    words = [t.strip() for t in _tokens(text.replace("\n", " "))] or [""]
    return max(text_width_mm(w, family, size, bold) for w in words)


def fit_table(
    headers: list[str],
    rows: list[list[str]],
    width_mm: float,
    height_mm: float,
    family: str,
    numeric: list[bool] | None = None,
    size_pt: float = 7.5,
    min_pt: float = 5.0,
    margin: float = 0.8,
    bold_last_row: bool = False,
    reserve_note_mm: float = 4.0,
) -> TableFit:
    """Choose a font size and column widths so the table fits ``width_mm`` × ``height_mm``.

    Numbers never wrap; headers and text cells wrap. If even ``min_pt`` is too large the
    widest text columns are broken between characters, and rows that do not fit in the
    height are dropped from the end (``dropped_rows``; leave ``reserve_note_mm`` for a note).
    """
    n = len(headers)
    numeric = numeric or [False] * n
    size = size_pt
    while True:
        fit = _fit_at(headers, rows, width_mm, family, numeric, size, margin, bold_last_row)
        if fit is not None and fit.height <= height_mm:
            return fit
        if size - 0.5 < min_pt - 1e-9:
            break
        size -= 0.5
    # Smallest size: force the width, then drop rows that do not fit.
    fit = _fit_at(headers, rows, width_mm, family, numeric, min_pt, margin, bold_last_row, True)
    assert fit is not None
    if fit.height <= height_mm:
        return fit
    keep = len(rows)
    while keep > 0:
        keep -= 1
        kept = rows[:keep]
        trial = _fit_at(headers, kept, width_mm, family, numeric, min_pt, margin, False, True)
        assert trial is not None
        if trial.height <= height_mm - reserve_note_mm:
            trial.dropped_rows = len(rows) - keep
            return trial
    trial = _fit_at(headers, [], width_mm, family, numeric, min_pt, margin, False, True)
    assert trial is not None
    trial.dropped_rows = len(rows)
    return trial


def _fit_at(headers, rows, width_mm, family, numeric, size, margin, bold_last, force=False):
    n = len(headers)
    available = width_mm - 2 * margin * n - 0.2 * (n + 1)  # grid lines
    if available <= 0:
        available = 1.0
    columns = [[r[i] for r in rows] for i in range(n)]
    natural, minimum = [], []
    for i in range(n):
        cells = columns[i]
        bold_flags = [bold_last and j == len(cells) - 1 for j in range(len(cells))]
        head_nat = text_width_mm(headers[i], family, size, True)
        head_min = _min_width(headers[i], family, size, True, True)
        cell_nat = max(
            (text_width_mm(c, family, size, b) for c, b in zip(cells, bold_flags)), default=0.0
        )
        cell_min = max(
            (_min_width(c, family, size, b, not numeric[i]) for c, b in zip(cells, bold_flags)),
            default=0.0,
        )
        natural.append(max(head_nat, cell_nat) + 0.3)
        minimum.append(max(head_min, cell_min) + 0.3)
    if sum(natural) <= available:
        widths = natural
    elif sum(minimum) <= available:
        # Start from the minimum; share the rest in proportion to what each column wants.
        widths = _share_spare(natural, minimum, available)
    elif force:
        # Text columns give way (broken between characters); numbers keep their width.
        fixed = sum(mn for mn, num in zip(minimum, numeric) if num)
        text_cols = [i for i in range(n) if not numeric[i]]
        rest = max(available - fixed, 3.0 * max(len(text_cols), 1))
        widths = list(minimum)
        if text_cols:
            share = rest / len(text_cols)
            for i in text_cols:
                widths[i] = min(minimum[i], share)
        if sum(widths) > available:  # even the numbers are too wide: scale everything
            factor = available / sum(widths)
            widths = [w * factor for w in widths]
    else:
        return None
    line_h = line_height_mm(family, size)
    wrapped_headers = [
        wrap_text(h, widths[i] - 0.2, family, size, True) for i, h in enumerate(headers)
    ]
    wrapped_rows = []
    for j, row in enumerate(rows):
        bold = bold_last and j == len(rows) - 1
        wrapped_rows.append(
            [
                cell
                if numeric[i] and not force
                else wrap_text(cell, widths[i] - 0.2, family, size, bold)
                for i, cell in enumerate(row)
            ]
        )
    heights = [max(h.count("\n") + 1 for h in wrapped_headers) * line_h + 2 * margin]
    for row in wrapped_rows:
        lines = max((c.count("\n") + 1 for c in row), default=1)
        heights.append(lines * line_h + 2 * margin)
    return TableFit(size, widths, wrapped_headers, wrapped_rows, heights, 0, margin)


def _share_spare(natural: list[float], minimum: list[float], available: float) -> list[float]:
    """Start every column at its minimum and share the rest fairly (max-min): columns that
    want little get all of it, the greedy ones share what remains equally."""
    widths = list(minimum)
    spare = available - sum(minimum)
    order = sorted(range(len(natural)), key=lambda i: natural[i] - minimum[i])
    for k, i in enumerate(order):
        share = spare / (len(order) - k)
        give = min(natural[i] - minimum[i], share)
        widths[i] += give
        spare -= give
    return widths
