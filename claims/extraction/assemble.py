"""From candidates to claims: resolve actors, attach anaphoric stances, merge, score."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from .discourse import Facts
from .lexicon import load_lexicon
from .registry import ActorRegistry
from .rerank import rerank
from .results import Attribution, Claim, Span
from .rules import Candidate
from .segment import DATELINE
from .sources import Mention
from .speakers import Speaker, Speakers

_ORIGIN_RANK = {"verb": 0, "noun": 1, "colon": 2, "mixed": 3, "prep": 4}
_OPINION = re.compile(
    r"\b(myslím|myslíme|nepochybuji|věřím|věříme|doufám|doufáme|podle mě|"
    r"i think|i believe|i hope|we hope|we believe|in my view|i feel)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
_PROPER = re.compile(r"(?<=[\s(])[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][\w-]+")
ANAPHORA_WINDOW = 400  # characters back from the cue in which "to"/"it" may find its claim
NEIGHBOURS = 40
OWNER_WINDOW = 1500  # a named owner ("the court's findings") may point further back
# English: overlapping reports of one content are mostly a cue inside the speaker's phrase
# ("the crowd applauded" inside "Trump said …"); PolNeAR gives each content one source, so
# only the candidate that supplied the content (with its coordinated subjects) is kept.
ONE_REPORT_LANGS = frozenset(
    {"en"}
)  # groups on either side of a claim that may overlap, nest or be its antecedent


def _attributions(
    cand: Candidate, text: str, speakers: Speakers, facts: Facts | None
) -> list[Attribution]:
    cue = text[cand.cue_span[0] : cand.cue_span[1]] if cand.cue_span else ""
    agreement = facts.agreement.get(id(cand)) if facts else None
    via = facts.via.get(id(cand)) if facts else None
    position = (cand.cue_span or cand.content)[0]

    def attribution(found: Speaker, mention: Mention | None) -> Attribution:
        return Attribution(
            found.actor,
            found.kind,
            # the speaker stage may have widened the mention's span
            text[mention.span[0] : mention.span[1]] if mention else "",
            mention.span if mention else None,
            cue,
            cand.cue_span,
            cand.stance,
            cand.confidence if mention else round(cand.confidence * 0.5, 2),
            cand.report_type,
            role=found.role,
            via=via or found.via,
        )

    mentions: Sequence[Mention] = cand.mentions
    if not mentions:
        return [attribution(speakers.resolve(None, (), agreement, position), None)]
    out: list[Attribution] = []
    for m in mentions:
        pair = speakers.pair(m)  # "Both men claimed": each of the two named before
        out.extend(attribution(found, m) for found in pair)
        for variant in [] if pair else m.variants:
            out.append(attribution(speakers.resolve(m, variant, agreement, m.span[0]), m))
    return _joined(out)


def _relayed(ordered: Sequence[Candidate]) -> dict[int, Candidate]:
    """ "According to NPR's Feng, Li Jifeng wrote that X": the one who wrote it speaks and the
    according-to source is the channel. Maps the according-to candidate to the report it
    relays: a report whose speaker opens the according-to content and whose content runs to
    its end ("according to police, officers … and they ordered him to …" relays nothing)."""
    out: dict[int, Candidate] = {}
    for i, outer in enumerate(ordered):
        if outer.origin != "prep" or outer.report_type != "according_to" or not outer.cue_span:
            continue
        lo, hi = outer.content
        opening = max([lo, outer.cue_span[1], *(m.span[1] for m in outer.mentions)])
        for inner in ordered[i + 1 : i + 6]:
            if (
                inner.origin != "prep"
                and inner.report_type == "speech"
                and not inner.anaphoric
                and inner.mentions
                and inner.mentions[0].span[0] - opening <= 3  # its speaker opens the content
                and inner.cue_span is not None
                and outer.cue_span[1] <= inner.cue_span[0]
                and lo <= inner.cue_span[0] < hi
                and lo <= inner.content[0]
                and hi - 2 <= inner.content[1] <= hi + 2
            ):
                out[id(outer)] = inner
                break
        for inner in reversed(ordered[max(0, i - 5) : i]):
            # "X, the commission said, according to Reuters": the phrase right after the cue
            # says who relayed the report
            if (
                inner.origin != "prep"
                and inner.report_type == "speech"
                and not inner.anaphoric
                and inner.mentions
                and inner.cue_span is not None
                and (
                    0 <= outer.cue_span[0] - inner.cue_span[1] <= 3
                    # "Obama said X, according to a pool report": the rules gave the phrase
                    # the content of the report it closes
                    or (outer.stance == "reports" and outer.content == inner.content)
                )
                and lo <= inner.content[0]
                and inner.content[1] <= hi
                and id(outer) not in out
            ):
                out[id(outer)] = inner
                break
    return out


def _give_via(
    cand: Candidate,
    relay: str,
    own: dict[int, list[Attribution]],
    attrs: dict[int, list[Attribution]],
) -> None:
    """Set the relaying outlet on attributions already placed in a group."""
    old = own[id(cand)]
    new = [replace(a, via=a.via or relay or None) for a in old]
    swap = {id(a): b for a, b in zip(old, new, strict=True)}
    own[id(cand)] = new
    for key, found in attrs.items():
        attrs[key] = [swap.get(id(a), a) for a in found]


def _after_speaker(text: str, start: int, end: int, found: Sequence[Attribution]) -> int:
    """A content cut at the colon of a speaker's name ("Podle Re: Russia ekonomika…") starts
    after the name."""
    for a in found:
        span = a.actor_span
        if span is not None and span[0] <= start < span[1] < end:
            start = span[1]
            while start < end and not text[start].isalnum() and text[start] not in "„“\"'":
                start += 1
    return start


# A wire dateline (rules.DATELINE) says where the news was filed, not what was said; it opens
# one of the story's first lines (after a headline, a byline).
DATELINE_LINES = 4


def _after_dateline(text: str, start: int, end: int) -> int:
    """A content that opens the story with its dateline starts after it."""
    if (start and text[start - 1] != "\n") or text.count("\n", 0, start) > DATELINE_LINES:
        return start
    m = DATELINE.match(text, start, end)
    return m.end() if m and m.end() < end else start


def _joined(found: list[Attribution]) -> list[Attribution]:
    """One speaker the parser cut in two at a colon ("think tanku Re: Russia" as "think tanku
    Re" and "Russia"): overlapping spans with the same actor are one attribution."""
    out: list[Attribution] = []
    for a in found:
        last = out[-1] if out else None
        if (
            last is not None
            and a.actor is not None
            and a.actor == last.actor
            and a.actor_span is not None
            and last.actor_span is not None
            and a.actor_span[0] < last.actor_span[1]
            and last.actor_span[0] < a.actor_span[1]
        ):
            continue
        out.append(a)
    return out


def _overlaps(a: Span, b: Span) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    # Both ways: a nested attribution ("said the figures showed X") is its own claim.
    return inter > 0 and inter >= 0.6 * max(a[1] - a[0], b[1] - b[0])


def _inside(span: Span | None, outer: Span) -> bool:
    return span is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _reports(cue: Span | None, cand: Candidate) -> bool:
    """Is cue inside what cand reports? “A,” said X, who added. “B.”: a content that holds
    its own cue (a quotation interrupted by its attribution) does not report the words
    around that cue."""
    if not _inside(cue, cand.content) or cue is None:
        return False
    own = cand.cue_span
    if own is None or not _inside(own, cand.content) or cand.quote is None:
        return True
    inner = cand.quote.inner
    return _inside(cue, inner) or not (inner[1] <= cue[0] and own[0] >= inner[1])


def _nested(a: Candidate, b: Candidate) -> bool:
    """One attribution reported inside the other's content ("he said he didn't believe X")
    is a claim of its own; an according-to phrase around a cue is not nesting."""
    if "prep" in (a.origin, b.origin):
        return False
    return _reports(a.cue_span, b) or _reports(b.cue_span, a)


def checkworthiness(text: str, stances: Sequence[str], kind: str) -> float:
    """Factual, checkable statements score high; questions, orders and opinions low."""
    score = 0.5
    if _NUMBER.search(text):
        score += 0.2
    if _PROPER.search(" " + text):
        score += 0.1
    if set(stances) & {"asserts", "denies", "reports"}:
        score += 0.1
    if text.rstrip().endswith("?") or "questions" in stances:
        score -= 0.4
    if "orders" in stances:
        score -= 0.35
    if set(stances) & {"fears", "promises", "praises", "doubts"} and "asserts" not in stances:
        score -= 0.15
    if _OPINION.search(text):
        score -= 0.25
    if len(text.split()) < 5:
        score -= 0.15
    if kind == "direct":
        score -= 0.05
    return round(min(1.0, max(0.0, score)), 2)


def _kind(group: Sequence[Candidate]) -> str:
    if any(c.quote is not None and c.origin != "mixed" for c in group):
        return "direct"
    if any(c.origin == "mixed" for c in group):
        return "mixed"
    if all(c.origin == "prep" for c in group if not c.anaphoric) and not any(
        c.anaphoric for c in group
    ):
        return "according_to"
    return "indirect"


def assemble(
    text: str,
    candidates: Sequence[Candidate],
    registry: ActorRegistry,
    lang: str,
    facts: Facts | None = None,
    inside_quote: Callable[[int], bool] | None = None,
) -> list[Claim]:
    speakers = Speakers(text, lang, registry, facts, inside_quote or (lambda _: False))
    groups: list[list[Candidate]] = []
    attrs: dict[int, list[Attribution]] = {}
    ordered = sorted(candidates, key=lambda c: (c.cue_span or c.content)[0])
    own: dict[int, list[Attribution]] = {}
    relayed = _relayed(ordered)
    relays: dict[int, str] = {}
    for cand in ordered:
        found = _attributions(cand, text, speakers, facts)
        own[id(cand)] = found
        if id(cand) in relayed:
            # the according-to source relays the report inside its reach
            relay = next((a.actor or a.actor_text for a in found if a.actor_text), "")
            inner = relayed[id(cand)]
            relays[id(inner)] = relay
            if id(inner) in own:  # the report came first: give its attributions the relay
                _give_via(inner, relay, own, attrs)
            continue
        if id(cand) in relays:
            found = [replace(a, via=a.via or relays[id(cand)] or None) for a in found]
            own[id(cand)] = found
        if cand.anaphoric:
            # "Peskov řekl, že X. Tvrzení Kyjeva označil za lež": no one denies their own claim
            deniers = {a.actor for a in found if a.actor and a.stance in ("denies", "doubts")}
            target = _antecedent(groups, cand, text, attrs, deniers)
            if target is not None and not _answers(cand):
                continue
            if target is not None:
                if cand.relay and attrs[id(target[0])]:
                    # "…, uvedl Syrskyj. Informovala o tom agentura Reuters": Reuters passes
                    # on what Syrskyj said
                    found = [replace(a, stance="reports") for a in found]
                found = [replace(a, answer=True) for a in found]
                own[id(cand)] = found
                target.append(cand)
                attrs[id(target[0])].extend(found)
                continue
            fallback = cand.antecedent or cand.fallback or cand.statement
            if fallback is None:
                continue
            # Nothing reported there yet: the preceding statement (or the report the cue
            # names) is the claim.
            cand.content, cand.anaphoric = fallback, False
        # Only recent groups can overlap: keeps a 5 MB text linear, not quadratic.
        for group in groups[-NEIGHBOURS:]:
            if any(_overlaps(cand.content, c.content) and not _nested(cand, c) for c in group):
                group.append(cand)
                attrs[id(group[0])].extend(found)
                break
        else:
            groups.append([cand])
            attrs[id(cand)] = list(found)
    claims = []
    podle_inside = load_lexicon(lang).uses("podle_inside_report")
    for i, group in enumerate(groups):
        if _is_nested(i, groups):
            continue
        # "X, the commission said, according to Reuters": the content without another
        # report's cue in it is what was said; not a podle-phrase that vouches for a part of
        # it ("uvedla, že A, ale B je podle ní C": the whole clause is hers)
        cues = [
            (c.cue_span, c.content, podle_inside and c.origin == "prep" and not c.anaphoric)
            for c in group
            if c.cue_span is not None
        ]
        best = min(
            (c for c in group if not c.anaphoric),
            key=lambda c: (
                any(
                    cue != c.cue_span
                    and _inside(cue, c.content)
                    and not (part and _inside(content, c.content) and content != c.content)
                    for cue, content, part in cues
                ),
                _ORIGIN_RANK.get(c.origin, 9),
                c.content[0] - c.content[1],
            ),
        )
        s, e = best.content
        kind = _kind(group)
        found = _dedupe(attrs[id(group[0])])
        if lang in ONE_REPORT_LANGS:
            speaker = min(
                [c for c in group if not c.anaphoric and not c.party]
                or [c for c in group if not c.anaphoric],
                key=lambda c: (
                    _inside(c.cue_span, c.content),
                    not c.mentions,
                    _ORIGIN_RANK.get(c.origin, 9),
                    -c.confidence,
                ),
            )
            found = (
                _dedupe(
                    [
                        # a second party named inside the report is not weighed by the
                        # re-ranker, which learnt one source per content
                        replace(a, answer=True) if c.party and c is not speaker else a
                        for c in group
                        if c is speaker or c.anaphoric or c.party
                        for a in own[id(c)]
                    ]
                )
                or found
            )
        found = [speakers.headline_holder(a) for a in found]
        stances = [a.stance for a in found]
        segments = best.segments if best.segments and best.content == (s, e) else None
        if not segments:
            s = _after_speaker(text, s, e, found)
        s = _after_dateline(text, s, e)
        if segments and segments[0][0] < s:
            segments = [(s, segments[0][1]), *segments[1:]]
        said = join_segments(text, segments, lang) if segments else text[s:e]
        claims.append(
            Claim(said, (s, e), kind, checkworthiness(said, stances, kind), found, segments)
        )
    claims.sort(key=lambda c: c.span)
    return rerank(text, claims, lang)


def join_segments(text: str, segments: Sequence[Span], lang: str) -> str:
    """The words said, without the attribution that interrupts them.

    Before a new sentence, the comma that precedes an inserted attribution stands for a full
    stop: "“We want this,” he told DW. “The names must go.”" says "We want this. The names must
    go." Before a clause of its own ("“…pockets of hurt,” he said, “and we're seeing…”", word
    set `clause_opener`) it stays; inside one clause it was only the attribution's ("„Bez
    úpravy bychom museli,“ dodala, „omezit spoje“" says "museli omezit spoje").
    """
    pieces = [text[s:e].strip() for s, e in segments]
    openers = load_lexicon(lang).word_set("clause_opener")
    out = ""
    for piece, following in zip(pieces, [*pieces[1:], ""], strict=True):
        if piece.endswith(",") and following[:1].isupper():
            piece = piece[:-1] + "."
        elif piece.endswith(",") and following[:1].islower():
            first = following.split(maxsplit=1)[0].strip(",;:").lower()
            if first not in openers:
                piece = piece[:-1]
        out = f"{out} {piece}" if out else piece
    return out


def _is_nested(i: int, groups: list[list[Candidate]]) -> bool:
    """An attribution reported inside another claim's content ("he said they denied X")."""
    near = groups[max(0, i - NEIGHBOURS) : i + NEIGHBOURS]
    cues = [c.cue_span for c in groups[i] if not c.anaphoric]
    return all(
        any(
            _reports(cue, o)
            for other in near
            if other is not groups[i]
            # an anaphoric answer's content is its own cue ("to odmítl s tím, že X")
            for o in other
            if not o.anaphoric
        )
        for cue in cues
    )


def _antecedent(
    groups: list[list[Candidate]],
    cand: Candidate,
    text: str,
    said: Mapping[int, list[Attribution]],
    deniers: set[str],
) -> list[Candidate] | None:
    """The claim an anaphoric cue answers; `said` holds each group's attributions (by the id
    of its first candidate), and a claim its own `deniers` asserted is passed over for the
    one before it."""
    if cand.antecedent is not None:
        return _group_in(groups, cand.antecedent)
    if cand.owner:
        # "rejected the court's findings": the court's claim, or none (never the nearest
        # claim of someone else)
        return _owned_by(groups, cand, text)
    named = _named_by(groups, cand, text)
    if named is not None:
        return named
    about = _about_the_denier(groups, cand, text)
    if about is not None:
        return about
    nearest = None
    for i in _in_window(groups, cand):
        if cand.statement is not None and _end(groups[i]) <= cand.statement[0]:
            break  # the claim at issue lies before an unclaimed statement: that one
        if any(a.actor in deniers and a.stance == "asserts" for a in said[id(groups[i][0])]):
            # their own claim: the one before it, if any ("Russia said X. Moscow later
            # rejected the claim" still retracts X)
            nearest = groups[i] if nearest is None else nearest
            continue
        return groups[i]
    return nearest


def _in_window(
    groups: list[list[Candidate]], cand: Candidate, window: int = ANAPHORA_WINDOW
) -> Iterator[int]:
    """The claims an anaphoric cue may answer, nearest first: the recent groups ending before
    the cue, within the window of it, and not nested in another's content ("to"/"it"
    points at what was reported, not at a claim inside it)."""
    cue_start = cand.content[0]
    for i in range(len(groups) - 1, max(0, len(groups) - NEIGHBOURS) - 1, -1):
        end = _end(groups[i])
        if end <= cue_start and cue_start - end <= window and not _is_nested(i, groups):
            yield i


def _end(group: list[Candidate]) -> int:
    return max(c.content[1] for c in group)


def _owned_by(groups: list[list[Candidate]], cand: Candidate, text: str) -> list[Candidate] | None:
    """ "Orbán said X. Diplomats said Y. The Commission rejected Orbán's assertion": the
    nearest claim within the window that the named owner made; None when none is."""
    if not cand.owner:
        return None
    owner = cand.owner.casefold()
    for i in _in_window(groups, cand, OWNER_WINDOW):
        for c in groups[i]:
            if not c.anaphoric and any(
                owner in text[m.span[0] : m.span[1]].casefold().split() for m in c.mentions
            ):
                return groups[i]
    return None


def _about_the_denier(
    groups: list[list[Candidate]], cand: Candidate, text: str
) -> list[Candidate] | None:
    """ "Horák podle soudu připravil nemocnici o 40 milionů. … Horák vinu popírá": who denies
    without saying what denies the nearest claim that is about them (their name in its
    content), not merely the nearest claim."""
    if cand.stance not in ("denies", "doubts") or not cand.mentions:
        return None
    start, end = cand.mentions[0].span
    # "Ukraine's general staff rejected that claim": the owner before a possessive is not
    # who denies
    denier = re.split(r"['’]s\b", text[start:end])[-1]
    names = [w for w in re.findall(r"[^\W\d_]+", denier) if w[:1].isupper()]
    if not names or len(names[-1]) < 4:
        return None
    surname = names[-1]
    stem = (
        surname[:-1] if len(surname) > 4 else surname
    )  # "Horák" → "Horáka", "Nováková" → "Novákové"
    for i in _in_window(groups, cand, OWNER_WINDOW):
        for c in groups[i]:
            said = text[c.content[0] : c.content[1]]
            if not c.anaphoric and any(w.startswith(stem) for w in re.findall(r"[^\W\d_]+", said)):
                return groups[i]
    return None


def _answers(cand: Candidate) -> bool:
    """May an anaphoric cue take up an earlier claim? A report by "to" ("Řekl to ministr")
    states the statement just before it; otherwise only a denial or a doubt answers a claim
    ("denied the allegation", "dismissed the report"), not "mentioned it", "described it as"
    or "issued a report". PolNeAR train had 115 anaphoric attributions, none right; this
    drops 65 of them (train attr F1 0.6744 -> 0.6762)."""
    return cand.antecedent is not None or cand.stance in ("denies", "doubts")


def _named_by(groups: list[list[Candidate]], cand: Candidate, text: str) -> list[Candidate] | None:
    """ "A post claims that X. … The WHO debunked the claim": the claim within the window
    whose cue is of the family of the noun the answer names ("claim" – "claims", "allegation"
    – "alleged", "report" – "reported"), nearest first; None when none is."""
    if len(cand.names) < 5:
        return None
    stem = cand.names[:5]
    for i in _in_window(groups, cand):
        for c in groups[i]:
            if (
                c.cue_span is not None
                and not c.anaphoric
                and text[c.cue_span[0] : c.cue_span[1]].lower()[:5] == stem
            ):
                return groups[i]
    return None


def _group_in(groups: list[list[Candidate]], statement: Span) -> list[Candidate] | None:
    """The claim made in the statement "to"/"this" points at: one whose content lies mostly
    inside it, or one attributed there ("Oznámil to X. Řekl to poté, co…")."""
    for group in reversed(groups[-NEIGHBOURS:]):
        for c in group:
            inter = min(c.content[1], statement[1]) - max(c.content[0], statement[0])
            # A claim nested in a small part of the statement ("kursy, v nichž se vysvětlí,
            # jak…") is not what the statement says: then the statement is the claim.
            if (
                (
                    inter > 0.5 * (c.content[1] - c.content[0])
                    and inter >= 0.5 * (statement[1] - statement[0])
                )
                or (c.anaphoric and _inside(c.cue_span, statement))
                # "Nemocnice uvedla, že lůžek je dost. Nemocnice to potvrdila": the statement
                # is a report, its speaker and cue inside it; its claim is what "to" points at
                or (
                    inter > 0.5 * (c.content[1] - c.content[0])
                    and c.cue_span is not None
                    and _inside(c.cue_span, statement)
                    and bool(c.mentions)
                    and _inside(c.mentions[0].span, statement)
                )
            ):
                return group
    return None


def _dedupe(found: list[Attribution]) -> list[Attribution]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for a in found:
        key = (a.actor, a.actor_span, a.stance, a.cue_span)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
