"""Article text with claim spans marked, for the admin: every character escaped, never raw HTML."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlight_spans(
    body: str, claims: Iterable[tuple[Sequence[tuple[int, int]], str]]
) -> SafeString:
    """Wrap each claim's pieces in <mark> and label the claim after its last piece.

    `claims` are (pieces, label): one `[start, end)` piece for most claims, several for a
    quotation interrupted by its attribution, whose attribution between the pieces stays
    unmarked. Overlapping claims become segments. The body is escaped piece by piece, so an
    article that contains "<script>" shows it as text.
    """
    clipped: list[tuple[int, int, str]] = []
    label_at: list[tuple[int, str]] = []
    for pieces, label in claims:
        kept = [(max(0, s), min(len(body), e)) for s, e in pieces if e > s]
        kept = [(s, e) for s, e in kept if e > s]
        if kept:
            clipped.extend((s, e, label) for s, e in kept)
            label_at.append((max(e for _, e in kept), label))
    cuts = sorted({0, len(body), *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    parts: list[str] = []
    for start, end in itertools.pairwise(cuts):
        text = escape(body[start:end]).replace("\n", "<br>")
        covering = list(dict.fromkeys(label for s, e, label in clipped if s <= start and end <= e))
        if covering:
            parts.append(
                f'<mark class="claim-span" title="{escape(", ".join(covering))}">{text}</mark>'
            )
        else:
            parts.append(text)
        parts.extend(
            f'<sup class="claim-label">{escape(label)}</sup>' for e, label in label_at if e == end
        )
    return mark_safe("".join(parts))
