"""Article text with claim spans marked, for the admin: every character escaped, never raw HTML."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight_spans(body: str, spans: Iterable[tuple[int, int, str]]) -> SafeString:
    """Wrap each `[start, end)` span in <mark> and label its end; overlaps become segments.

    `spans` are (start, end, label). The body is escaped piece by piece, so an article that
    contains "<script>" shows it as text.
    """
    clipped = [(max(0, s), min(len(body), e), label) for s, e, label in spans if e > s]
    cuts = sorted({0, len(body), *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        text = escape(body[start:end]).replace("\n", "<br>")
        covering = [label for s, e, label in clipped if s <= start and end <= e]
        if covering:
            parts.append(
                f'<mark class="claim-span" title="{escape(", ".join(covering))}">{text}</mark>'
            )
        else:
            parts.append(text)
        parts.extend(
            f'<sup class="claim-label">{escape(label)}</sup>' for _, e, label in clipped if e == end
        )
    return mark_safe("".join(parts))
