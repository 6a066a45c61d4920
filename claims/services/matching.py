"""Has this claim been checked before? Embedding claims, clustering them, suggesting matches.

The ranking is `claims.matching` (pure Python); this module stores vectors, turns the matches
into cluster membership and suggestions, and records editors' decisions.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from claims.errors import GuardFailed, NotPermitted
from claims.matching.embed import MODEL_ID, embed, from_bytes, text_hash, to_bytes
from claims.matching.matcher import (
    JOIN_SIMILARITY,
    SEARCH_FLOOR,
    SEARCH_UNANCHORED,
    SIMILAR_FLOOR,
    SUGGEST_SIMILARITY,
    Match,
)
from claims.models import (
    Claim,
    ClaimCluster,
    ClaimEmbedding,
    ClaimMatchSuggestion,
    ExternalFactCheck,
    SuggestionStatus,
    Verdict,
)
from claims.services.matching_index import CLAIM, REVIEW, current_index, key, parse_key

if TYPE_CHECKING:
    from claims.services.workflow import User

logger = logging.getLogger(__name__)


def join_similarity() -> float:
    """At or above: the same claim, joined to its cluster without asking."""
    return float(getattr(settings, "MATCH_JOIN_SIMILARITY", JOIN_SIMILARITY))


def suggest_similarity() -> float:
    """At or above (and below joining): a suggestion for an editor."""
    return float(getattr(settings, "MATCH_SUGGEST_SIMILARITY", SUGGEST_SIMILARITY))


def suggestible(match: Match) -> bool:
    """Whether a match becomes a suggestion (or a join): `suggest_similarity()` reached and the
    two texts anchored to each other, or, without an anchor, `join_similarity()` reached."""
    return match.decides(suggest_similarity(), unanchored=join_similarity())


def joinable(match: Match) -> bool:
    """Whether a match joins its cluster without asking (`Match.joins`)."""
    return match.joins(join_similarity())


def similar_floor() -> float:
    """Below (on `Match.closeness`): not listed among a claim's similar claims at all."""
    return float(getattr(settings, "MATCH_SIMILAR_FLOOR", SIMILAR_FLOOR))


def similar_enough(match: Match) -> bool:
    """Whether a stored claim is listed as similar (the claim page and the partner API alike):
    e5 puts unrelated news at cosine ~0.8, so what sits under the floor is noise."""
    return match.closeness >= similar_floor()


def search_floor() -> float:
    """Below (on `Match.similarity`): a free-text search does not answer the match at all."""
    return float(getattr(settings, "MATCH_SEARCH_FLOOR", SEARCH_FLOOR))


def search_unanchored_floor() -> float:
    """The same for a match that shares no anchor with the searched text (no number, few
    words, across languages no name): text in another script or a recipe reaches 0.89 so."""
    return float(getattr(settings, "MATCH_SEARCH_UNANCHORED_FLOOR", SEARCH_UNANCHORED))


def found_by_search(match: Match) -> bool:
    """Whether a free-text search answers a match. The text is an e5 "query: " against stored
    passages, another scale than the claim page's, so it has its own floor
    (bench/eval_search.py); a guard's conflict counts as 0 and is never answered."""
    return match.decides(search_floor(), unanchored=search_unanchored_floor())


def match_text(claim: Claim) -> str:
    """The editor's neutral wording when there is one: it states the claim without the quote."""
    return claim.normalized_text or claim.text


def schedule_matching(*, claim_ids: Sequence[int]) -> None:
    """After commit, embed the new claims and match them (one task per batch of claims)."""
    if not claim_ids or not getattr(settings, "MATCH_ON_STORE", True):
        return
    from claims.tasks import embed_and_match_claims_task

    transaction.on_commit(partial(embed_and_match_claims_task.delay, claim_ids=list(claim_ids)))


def claims_needing_vectors(*, among: Sequence[int] | None = None) -> list[int]:
    """Ids of the claims without a vector of the current model for their current text."""
    claims = Claim.objects.all() if among is None else Claim.objects.filter(pk__in=among)
    current = dict(
        ClaimEmbedding.objects.filter(model=MODEL_ID).values_list("claim_id", "text_sha256")
        if among is None
        else ClaimEmbedding.objects.filter(model=MODEL_ID, claim_id__in=among).values_list(
            "claim_id", "text_sha256"
        )
    )
    return [
        pk
        for pk, text, normalized in claims.order_by("pk")
        .values_list("pk", "text", "normalized_text")
        .iterator(chunk_size=5000)
        if current.get(pk) != text_hash(normalized or text)
    ]


def embed_claims(*, claim_ids: Sequence[int]) -> int:
    """Store vectors for the claims whose text (or the model) changed; returns how many.

    - embeds outside any transaction (about 50 ms per short claim), then upserts each row
    - idempotent: an unchanged text keeps its vector; a claim deleted meanwhile is skipped
    """
    claims = list(Claim.objects.filter(pk__in=claim_ids).only("pk", "text", "normalized_text"))
    current = dict(
        ClaimEmbedding.objects.filter(claim_id__in=claim_ids, model=MODEL_ID).values_list(
            "claim_id", "text_sha256"
        )
    )
    todo = [c for c in claims if current.get(c.pk) != text_hash(match_text(c))]
    if not todo:
        return 0
    vectors = embed([match_text(c) for c in todo])
    stored = 0
    for claim, vector in zip(todo, vectors, strict=True):
        try:
            ClaimEmbedding.objects.update_or_create(
                claim_id=claim.pk,
                defaults={
                    "model": MODEL_ID,
                    "text_sha256": text_hash(match_text(claim)),
                    "vector": to_bytes(vector),
                },
            )
            stored += 1
        except IntegrityError:
            logger.info("embed_claims: claim %s vanished before its vector was stored", claim.pk)
    return stored


@dataclass(frozen=True)
class MatchOutcome:
    claim_id: int
    cluster_id: int | None
    joined: int | None  # the claim it was clustered with, if any
    suggestions: int


def similar_to(claim: Claim, *, top: int = 10) -> list[Match]:
    """The nearest stored claims (other articles) and reviews, best first, guards applied."""
    row = ClaimEmbedding.objects.filter(claim=claim, model=MODEL_ID).first()
    if row is None:
        return []
    same_article = Claim.objects.filter(article_id=claim.article_id).values_list("pk", flat=True)
    exclude = frozenset(key(CLAIM, pk) for pk in same_article)
    return current_index().search(
        match_text(claim), from_bytes(bytes(row.vector)), top=top, exclude=exclude
    )


def best_first(matches: Sequence[Match]) -> list[Match]:
    """Matches in the order of the score editors and partners are shown (`similarity`).

    The matcher ranks by its fused score (cosine + BM25), which leaves out the cross-language
    bonus; listed by it, a translation shown at 0.95 came third under claims shown at 0.94 and
    0.90. A guard's conflict (similarity 0) goes last; ties keep the matcher's order.
    """
    return sorted(matches, key=lambda m: -m.similarity)


def search_text(text: str, *, top: int = 10) -> list[Match]:
    """Stored claims and reviews matching a free text (a search: e5's "query: " prefix), from
    the search's floor (`found_by_search`): e5 puts any text, even one in a script it hardly
    knows, at ~0.8 from every claim, so without it the nearest unrelated claim was answered.

    Embedding costs ~25-300 ms, so the vector of a text is cached (Redis in production).
    """
    from django.core.cache import cache

    cache_key = f"match:q:{text_hash(text, is_query=True)}"
    blob = cache.get(cache_key)
    if blob is None:
        blob = to_bytes(embed([text], is_query=True)[0])
        cache.set(cache_key, blob, timeout=24 * 3600)
    found = current_index().search(text, from_bytes(blob), top=top)
    return [match for match in found if found_by_search(match)]


def match_claim(*, claim_id: int) -> MatchOutcome:
    """Cluster a stored claim with its best match and suggest the near ones.

    - a match at or above `join_similarity()` (no guard objecting) puts the claim in that
      claim's cluster, creating the cluster when neither has one; a claim already in a cluster
      stays there (editors' clusters are never rearranged by the machine)
    - matches down to `suggest_similarity()`, and imported reviews, become suggestions when
      the two share an anchor (a number, content words, a name across languages); without one
      a match must reach `join_similarity()`; an existing suggestion keeps the editor's
      decision and only its score is refreshed
    """
    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return MatchOutcome(claim_id, None, None, 0)
    matches = _still_stored([m for m in similar_to(claim, top=20) if suggestible(m)])
    joined = None
    for match in matches:
        kind, pk = parse_key(match.id)
        if kind == CLAIM and joinable(match):
            if _join(claim_id=claim.pk, other_id=pk):
                joined = pk
            break
    suggested = 0
    for match in matches:
        kind, pk = parse_key(match.id)
        if kind == CLAIM and pk == joined:
            continue
        suggested += _suggest(claim_id=claim.pk, kind=kind, pk=pk, match=match)
    cluster_id = Claim.objects.filter(pk=claim_id).values_list("cluster_id", flat=True).first()
    return MatchOutcome(claim_id, cluster_id, joined, suggested)


def _still_stored(matches: list[Match]) -> list[Match]:
    """The matches whose claim or review still exists.

    A worker's in-memory index may still hold a claim that re-extraction has since removed; a
    suggestion pointing at it would break its foreign key only at commit (PostgreSQL checks them
    deferred), failing the whole task, so the targets are checked first.
    """
    keys = [parse_key(match.id) for match in matches]
    models = {
        CLAIM: Claim,
        REVIEW: ClaimMatchSuggestion._meta.get_field("fact_check").related_model,
    }
    stored = {
        (kind, pk)
        for kind, model in models.items()
        for pk in model._default_manager.filter(  # type: ignore[union-attr]
            pk__in=[pk for k, pk in keys if k == kind]
        ).values_list("pk", flat=True)
    }
    return [match for match, found in zip(matches, keys, strict=True) if found in stored]


@transaction.atomic
def _join(*, claim_id: int, other_id: int) -> bool:
    claims = {
        c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=(claim_id, other_id))
    }
    claim, other = claims.get(claim_id), claims.get(other_id)
    if claim is None or other is None or claim.cluster_id:
        return False
    if ClaimMatchSuggestion.objects.filter(
        claim_id=claim_id, other_id=other_id, status=SuggestionStatus.REJECTED
    ).exists():
        return False  # an editor said no once: the machine does not overrule it
    cluster_id = other.cluster_id
    if cluster_id is None:
        cluster_id = ClaimCluster.objects.create(label=match_text(other)[:500]).pk
        Claim.objects.filter(pk=other_id, cluster__isnull=True).update(cluster_id=cluster_id)
    Claim.objects.filter(pk=claim_id, cluster__isnull=True).update(cluster_id=cluster_id)
    return True


def _suggest(*, claim_id: int, kind: str, pk: int, match: Match) -> int:
    target: dict[str, Any] = {"other_id": pk} if kind == CLAIM else {"fact_check_id": pk}
    if kind == CLAIM and Claim.objects.filter(pk=claim_id, cluster__claims__pk=pk).exists():
        return 0  # already together
    try:
        with transaction.atomic():
            _, created = ClaimMatchSuggestion.objects.update_or_create(
                claim_id=claim_id,
                **target,
                defaults={"score": round(match.similarity, 4), "conflict": match.conflict or ""},
            )
    except IntegrityError:
        return 0  # the target was deleted meanwhile
    return int(created)


def decide_suggestion(*, suggestion_id: int, user: object, confirm: bool) -> ClaimMatchSuggestion:
    """Confirm or reject a suggestion, once; a confirmed claim pair shares a cluster.

    - needs claims.triage_claim; a decided suggestion stays decided (GuardFailed)
    - confirming a pair whose claims sit in two clusters moves the other cluster's claims over
    """
    if not getattr(user, "has_perm", None) or not user.has_perm("claims.triage_claim"):  # type: ignore[attr-defined]
        raise NotPermitted("You may not decide match suggestions (needs claims.triage_claim).")
    status = SuggestionStatus.CONFIRMED if confirm else SuggestionStatus.REJECTED
    with transaction.atomic():
        updated = ClaimMatchSuggestion.objects.filter(
            pk=suggestion_id, status=SuggestionStatus.PENDING
        ).update(status=status, decided_by=user, decided_at=timezone.now())
        suggestion = ClaimMatchSuggestion.objects.select_related("decided_by").get(pk=suggestion_id)
        if not updated:
            who = suggestion.decided_by or "someone"
            raise GuardFailed(f"{who} already {suggestion.get_status_display()} this suggestion.")
        if confirm and suggestion.other_id:
            merge_into_cluster(claim_id=suggestion.claim_id, other_id=suggestion.other_id)
    return suggestion


def merge_into_cluster(*, claim_id: int, other_id: int) -> int:
    """Put two claims (and everything clustered with either) into one cluster; returns its id."""
    claims = {
        c.pk: c for c in Claim.objects.select_for_update().filter(pk__in=(claim_id, other_id))
    }
    claim, other = claims[claim_id], claims[other_id]
    cluster_id = claim.cluster_id or other.cluster_id
    if cluster_id is None:
        cluster_id = ClaimCluster.objects.create(label=match_text(claim)[:500]).pk
    emptied = {claim.cluster_id, other.cluster_id} - {cluster_id, None}
    Claim.objects.filter(Q(pk__in=(claim_id, other_id)) | Q(cluster_id__in=emptied)).update(
        cluster_id=cluster_id
    )
    ClaimCluster.objects.filter(pk__in=emptied).delete()
    return cluster_id


@dataclass(frozen=True)
class VerdictOffers:
    verdicts: list[Verdict]  # newest first
    blocked: str | None  # why none can be used now, with the step to take first


def verdict_offers(*, claim: Claim, user: User) -> VerdictOffers:
    """The verdicts published on other appearances of the claim (its cluster) it may reuse.

    - none for a claim outside a cluster or with a published verdict of its own
    - a verdict the claim's draft already copies is left out: it has been used
    - `blocked`: why `adopt_verdict` would refuse now (`workflow.verdict_blocker`: a new claim
      must be triaged first), so the page says so instead of offering a button that fails
    """
    from claims.services import workflow

    if claim.cluster_id is None or claim.published_verdict_id is not None:
        return VerdictOffers([], None)
    offered = list(
        Verdict.objects.filter(claim__cluster_id=claim.cluster_id, published_at__isnull=False)
        .exclude(claim=claim)
        .select_related("rating", "claim__article__outlet")
        .order_by("-published_at")
    )
    draft = workflow.draft_verdict(claim)
    if draft is not None:
        offered = [v for v in offered if not _copies(draft, v)]
    if not offered:
        return VerdictOffers([], None)
    return VerdictOffers(offered, workflow.verdict_blocker(claim=claim, user=user))


def _copies(draft: Verdict, verdict: Verdict) -> bool:
    """Whether a draft says what the verdict says (what `adopt_verdict` copies)."""
    return (draft.rating_id, draft.summary, draft.explanation, draft.as_of) == (
        verdict.rating_id,
        verdict.summary,
        verdict.explanation,
        verdict.as_of,
    )


def adopt_verdict(*, claim_id: int, verdict_id: int, user: object) -> object:
    """Draft, on this claim, the verdict published on another appearance of it (same cluster).

    - the claim and the verdict's claim must share a cluster (GuardFailed otherwise)
    - goes through `workflow.save_verdict`: permissions, status and rating scale rules hold,
      and publishing still needs a reviewer
    """
    from claims.services import workflow

    verdict = Verdict.objects.select_related("claim", "rating").filter(pk=verdict_id).first()
    claim = Claim.objects.filter(pk=claim_id).first()
    if verdict is None or claim is None or verdict.published_at is None:
        raise GuardFailed("That published verdict no longer exists.")
    if claim.cluster_id is None or claim.cluster_id != verdict.claim.cluster_id:
        raise GuardFailed("Only a verdict of the same claim (one cluster) can be reused.")
    return workflow.save_verdict(
        claim_id=claim_id,
        user=user,  # type: ignore[arg-type]
        rating=verdict.rating,
        summary=verdict.summary,
        explanation=verdict.explanation,
        as_of=verdict.as_of,
    )


def review_vectors(*, review_ids: Sequence[int]) -> int:
    """Vectors for imported reviews whose claim text changed; returns how many were stored."""
    reviews = list(
        ExternalFactCheck.objects.filter(pk__in=review_ids).only(
            "pk", "claim_text", "text_sha256", "model"
        )
    )
    todo = [r for r in reviews if r.model != MODEL_ID or r.text_sha256 != text_hash(r.claim_text)]
    if not todo:
        return 0
    vectors = embed([r.claim_text for r in todo])
    for review, vector in zip(todo, vectors, strict=True):
        ExternalFactCheck.objects.filter(pk=review.pk).update(
            model=MODEL_ID,
            text_sha256=text_hash(review.claim_text),
            vector=to_bytes(vector),
            updated_at=timezone.now(),
        )
    return len(todo)


def match_reviews(*, review_ids: Sequence[int], top: int = 50) -> int:
    """Suggest imported reviews to the stored claims they check; returns how many are new.

    A claim stored before a review came in was matched without it. Its page searches the
    reviews live, but the desk ranks from stored suggestions, so without this a review imported
    after the claims never reached the desk ("Checked by X", +0.2 checked). The decision is
    `match_claim`'s (`suggestible`), seen from the review's side; an editor's rejection stays.
    """
    rows = ExternalFactCheck.objects.filter(
        pk__in=review_ids, model=MODEL_ID, vector__isnull=False
    ).values_list("pk", "claim_text", "vector")
    suggested = 0
    for pk, text, blob in rows:
        found = current_index().search(
            text, from_bytes(bytes(blob or b"")), top=top, exclude=frozenset({key(REVIEW, pk)})
        )
        claims = [m for m in found if parse_key(m.id)[0] == CLAIM and suggestible(m)]
        for match in _still_stored(claims):
            claim_id = parse_key(match.id)[1]
            suggested += _suggest(claim_id=claim_id, kind=REVIEW, pk=pk, match=match)
    return suggested
