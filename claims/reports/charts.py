"""Server-side SVG charts: markup only, no script and no external asset, so the report pages
work offline and print as they show. Every label passes through `escape`: actor names and
outlet names are user data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = 'font-family="system-ui, sans-serif" font-size="12"'
GREY = "#9aa0a6"
# A published verdict off the true–false order ("Unverifiable"): rated, so not the unrated grey.
OFF_SCALE = "#5c6bc0"
RELATION_COLOURS = {"agree": "#2e7d32", "disagree": "#c62828", "mixed": "#ef8f00"}


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float]


def rating_colour(position: float | None, *, rated: bool = True) -> str:
    """Red for the scale's worst rating through amber to green for its best; grey unrated;
    indigo for a rating with no place on the order (unverifiable)."""
    if not rated:
        return GREY
    if position is None:
        return OFF_SCALE
    hue = round(120 * max(0.0, min(1.0, position)))
    return f"hsl({hue}, 60%, 45%)"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    # Safe: every label interpolated into `body` went through escape().
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _legend(series: Sequence[Series], x: int, y: int) -> list[str]:
    parts = []
    for s in series:
        parts.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{s.colour}"/>'
            f'<text x="{x + 16}" y="{y}">{escape(s.name)}</text>'
        )
        x += 28 + 7 * len(s.name)
    return parts


def stacked_columns(
    categories: Sequence[str], series: Sequence[Series], *, title: str, unit: str = "claims"
) -> SafeString:
    """Vertical stacked columns, one per category (months), stacks in series order."""
    width, height, left, top, bottom = 960, 340, 48, 34, 60
    plot_w, plot_h = width - left - 16, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top_value = _nice_max(max(totals, default=0))
    body = _legend(series, left, 16)
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(
            f'<line x1="{left}" x2="{width - 16}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e0e0e0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    step = plot_w / max(1, len(categories))
    bar = max(2.0, step * 0.7)
    label_every = max(1, math.ceil(len(categories) / 24))
    for i, category in enumerate(categories):
        x = left + i * step + (step - bar) / 2
        y = top + plot_h
        for s in series:
            value = s.values[i]
            if not value:
                continue
            h = plot_h * value / top_value
            y -= h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{s.colour}"><title>{escape(category)}: {escape(s.name)} {value:g} '
                f"{unit}</title></rect>"
            )
        if i % label_every == 0:
            cx = x + bar / 2
            body.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 14}" text-anchor="end" '
                f'transform="rotate(-45 {cx:.1f} {top + plot_h + 14})">{escape(category)}</text>'
            )
    return _svg(width, height, title, body)


def stacked_bars(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    unit: str = "claims",
    shares: bool = True,
) -> SafeString:
    """Horizontal stacked bars, one per category (actors); with `shares`, each bar is 100 %
    so track records of loud and quiet speakers compare."""
    row_h, left, top, width = 26, 200, 34, 960
    height = top + row_h * max(1, len(categories)) + 10
    plot_w = width - left - 60
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    scale_to = max(totals, default=0) or 1
    body = _legend(series, 8, 16)
    for i, category in enumerate(categories):
        y = top + i * row_h
        total = totals[i] or 1
        x = float(left)
        body.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(category[:32])}</text>'
        )
        for s in series:
            value = s.values[i]
            if not value:
                continue
            w = plot_w * (value / total if shares else value / scale_to)
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{s.colour}"><title>{escape(category)}: {escape(s.name)} {value:g} '
                f"{unit} ({100 * value / total:.0f} %)</title></rect>"
            )
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{totals[i]:g}</text>')
    return _svg(width, height, title, body)


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    value_labels: Sequence[str],
    colour: str = "#1565c0",
) -> SafeString:
    """Plain horizontal bars with a text label at each end."""
    row_h, left, top, width = 26, 140, 10, 960
    height = top + row_h * max(1, len(labels)) + 10
    plot_w = width - left - 160
    top_value = max(values, default=0) or 1
    body = []
    for i, (label, value, text) in enumerate(zip(labels, values, value_labels, strict=True)):
        y = top + i * row_h
        w = plot_w * value / top_value
        body.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}">'
            f"<title>{escape(label)}: {escape(text)}</title></rect>"
            f'<text x="{left + w + 6:.1f}" y="{y + 16}">{escape(text)}</text>'
        )
    return _svg(width, height, title, body)


@dataclass(frozen=True)
class Node:
    key: int
    label: str
    weight: int


@dataclass(frozen=True)
class Link:
    source: int
    target: int
    weight: int
    relation: str
    note: str


def network(nodes: Sequence[Node], links: Sequence[Link], *, title: str) -> SafeString:
    """Actors on a circle (a layout that needs no iteration and reads the same every time),
    links as lines whose width is the shared claims and whose colour is the relation."""
    width, height = 960, 620
    cx, cy, radius = width / 2, height / 2 + 10, min(width, height) / 2 - 90
    position = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(1, len(nodes)) - math.pi / 2
        position[node.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    heaviest = max((link.weight for link in links), default=1)
    body = _legend([Series(name, colour, []) for name, colour in RELATION_COLOURS.items()], 8, 16)
    for link in links:
        x1, y1, _ = position[link.source]
        x2, y2, _ = position[link.target]
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{RELATION_COLOURS[link.relation]}" stroke-opacity="0.75" '
            f'stroke-width="{1 + 7 * link.weight / heaviest:.1f}">'
            f"<title>{escape(link.note)}</title></line>"
        )
    biggest = max((node.weight for node in nodes), default=1) or 1
    for node in nodes:
        x, y, angle = position[node.key]
        r = 5 + 9 * math.sqrt(node.weight / biggest)
        anchor = "start" if math.cos(angle) >= 0 else "end"
        lx = x + (r + 4) * (1 if anchor == "start" else -1)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#37474f">'
            f"<title>{escape(node.label)}: {node.weight} claims</title></circle>"
            f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
            f"{escape(node.label[:28])}</text>"
        )
    if not nodes:
        body.append(f'<text x="{cx}" y="{cy}" text-anchor="middle">No shared claims.</text>')
    return _svg(width, height, title, body)
