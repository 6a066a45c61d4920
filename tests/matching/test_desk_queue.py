"""The desk's new claims, ranked: order, matches per row, filters, buttons, query budget.

Personas: editor (sees the list, triages and assigns from it); analyst (sees the list, no
buttons, a forged POST changes nothing).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from claims import selectors
from claims.models import (
    Article,
    Attribution,
    Claim,
    ClaimCluster,
    ClaimEvent,
    ClaimMatchSuggestion,
    ExternalFactCheck,
    Feed,
    FeedItem,
    Outlet,
    Verdict,
)
from claims.selectors import DeskFilters, desk_matches, new_claims_ranked

ON_POSTGRES = int(connection.vendor == "postgresql")
DESK = reverse("admin:claims_claim_desk")


def _claim(text, *, outlet, desk, worth=0.5, language="en", age_days=0.0, status="new"):
    article = Article.objects.create(
        outlet=outlet,
        desk=desk,
        title=f"About {text[:30]}",
        body=text,
        body_sha256=hashlib.sha256(text.encode()).hexdigest(),
        language=language,
        published_at=timezone.now() - dt.timedelta(days=age_days),
        status=Article.Status.EXTRACTED,
    )
    claim = Claim.objects.create(
        article=article,
        text=text,
        span_start=0,
        span_end=len(text),
        checkworthiness=worth,
        status=status,
    )
    if age_days:
        Claim.objects.filter(pk=claim.pk).update(
            created_at=timezone.now() - dt.timedelta(days=age_days)
        )
        claim.refresh_from_db()
    return claim


def _review(n=1, **extra):
    fields = {
        "url": f"https://checker.example/{n}",
        "reviewer": "Checker Org",
        "claim_text": "A wall is planned on the border.",
        "rating": "False",
        "review_date": dt.date(2024, 5, 6),
        "language": "en",
        **extra,
    }
    return ExternalFactCheck.objects.create(**fields)


def _published(claim, editor, rating_scale):
    """A published verdict as the rows read it (the workflow's publishing is tested elsewhere)."""
    reviewer, _ = User.objects.get_or_create(username="desk-reviewer")
    verdict = Verdict.objects.create(
        claim=claim,
        rating=rating_scale.ratings.get(label="Nepravda"),
        summary="Not so.",
        author=editor,
        reviewer=reviewer,
        as_of=dt.date(2024, 6, 1),
        published_at=timezone.now(),
        published_version=1,
    )
    Claim.objects.filter(pk=claim.pk).update(status="published", published_verdict=verdict)
    return verdict


@pytest.fixture
def other_outlet(db):
    return Outlet.objects.create(name="Other Times", language="en")


def test_the_ranking_adds_a_bonus_for_checked_before_and_pending_matches(
    outlet, other_outlet, desk, editor, rating_scale
):
    plain = _claim("Plain but worthy claim about 7 percent.", outlet=outlet, desk=desk, worth=0.75)
    reviewed = _claim("Reviewed claim about the wall.", outlet=outlet, desk=desk, worth=0.6)
    pending = _claim("Claim with an open suggestion.", outlet=outlet, desk=desk, worth=0.6)
    rated_mate = _claim("Rated elsewhere.", outlet=outlet, desk=desk, worth=0.5)
    stored = _claim("Old stored claim", outlet=other_outlet, desk=desk, age_days=40)
    _published(stored, editor, rating_scale)
    cluster = ClaimCluster.objects.create(label="rated")
    Claim.objects.filter(pk__in=[rated_mate.pk, stored.pk]).update(cluster=cluster)
    ClaimMatchSuggestion.objects.create(claim=reviewed, fact_check=_review(), score=0.9)
    other = _claim("Another new claim.", outlet=other_outlet, desk=desk, worth=0.1)
    ClaimMatchSuggestion.objects.create(claim=pending, other=other, score=0.89)

    ranked = list(new_claims_ranked(DeskFilters()))

    # 0.6 + 0.2 (a review), 0.75, 0.6 + 0.1 (to decide), 0.5 + 0.2 (a cluster mate's verdict)
    # ties broken newest first; the 40-day-old published claim is neither new nor recent.
    assert [(c.pk, round(c.rank, 2)) for c in ranked] == [
        (reviewed.pk, 0.8),
        (plain.pk, 0.75),
        (rated_mate.pk, 0.7),
        (pending.pk, 0.7),
        (other.pk, 0.1),
    ]


def test_a_rejected_suggestion_earns_no_bonus(outlet, desk):
    claim = _claim("Claim once matched.", outlet=outlet, desk=desk, worth=0.5)
    ClaimMatchSuggestion.objects.create(
        claim=claim, fact_check=_review(), score=0.9, status="rejected"
    )

    [ranked] = new_claims_ranked(DeskFilters())

    assert ranked.rank == 0.5


def test_the_period_and_the_status_bound_the_list(outlet, desk):
    fresh = _claim("Fresh claim.", outlet=outlet, desk=desk)
    _claim("Five days old.", outlet=outlet, desk=desk, age_days=5)
    _claim("Triaged already.", outlet=outlet, desk=desk, status="triaged")

    assert [c.pk for c in new_claims_ranked(DeskFilters(days=3))] == [fresh.pk]
    assert len(new_claims_ranked(DeskFilters(days=7))) == 2


def test_only_the_newest_claims_up_to_the_limit_are_ranked(outlet, desk, monkeypatch):
    old_worthy = _claim("Older, very worthy.", outlet=outlet, desk=desk, worth=0.99, age_days=1)
    newer = [_claim(f"Newer claim {i}.", outlet=outlet, desk=desk, worth=0.2) for i in range(2)]
    monkeypatch.setattr(selectors, "RANK_LIMIT", 2)

    ranked = [c.pk for c in new_claims_ranked(DeskFilters())]

    assert old_worthy.pk not in ranked
    assert sorted(ranked) == sorted(c.pk for c in newer)


def test_filters_narrow_by_language_outlet_feed_and_matches(outlet, other_outlet, desk):
    cs = _claim("Český výrok o 5 procentech.", outlet=outlet, desk=desk, language="cs")
    en = _claim("English claim from a feed.", outlet=other_outlet, desk=desk)
    feed = Feed.objects.create(outlet=other_outlet, url="https://other.example/rss")
    FeedItem.objects.create(feed=feed, guid="1", url="https://other.example/1", article=en.article)
    ClaimMatchSuggestion.objects.create(claim=cs, fact_check=_review(), score=0.9)

    def pks(**kwargs):
        return [c.pk for c in new_claims_ranked(DeskFilters(**kwargs))]

    assert pks(language="cs") == [cs.pk]
    assert pks(outlet_id=other_outlet.pk) == [en.pk]
    assert pks(feed_id=feed.pk) == [en.pk]
    assert pks(only_matched=True) == [cs.pk]


def test_only_with_matches_counts_another_appearance_and_not_a_rejected_suggestion(
    outlet, other_outlet, desk
):
    joined = _claim("Joined to a cluster by the matcher.", outlet=outlet, desk=desk)
    mate = _claim("Its other appearance.", outlet=other_outlet, desk=desk, age_days=20)
    cluster = ClaimCluster.objects.create(label="joined")
    Claim.objects.filter(pk__in=[joined.pk, mate.pk]).update(cluster=cluster)
    alone = _claim("Alone in its cluster.", outlet=outlet, desk=desk)
    Claim.objects.filter(pk=alone.pk).update(cluster=ClaimCluster.objects.create(label="alone"))
    rejected = _claim("Its only match was rejected.", outlet=outlet, desk=desk)
    ClaimMatchSuggestion.objects.create(
        claim=rejected, fact_check=_review(), score=0.9, status="rejected"
    )

    assert [c.pk for c in new_claims_ranked(DeskFilters(only_matched=True))] == [joined.pk]


def test_each_row_carries_its_best_matches(outlet, other_outlet, desk, editor, rating_scale):
    claim = _claim("The wall claim.", outlet=outlet, desk=desk)
    rated = _claim("Rated wall claim.", outlet=other_outlet, desk=desk, age_days=10)
    _published(rated, editor, rating_scale)
    open_one = _claim("Unrated wall claim.", outlet=other_outlet, desk=desk, age_days=9)
    ClaimMatchSuggestion.objects.create(claim=claim, fact_check=_review(1), score=0.91)
    ClaimMatchSuggestion.objects.create(claim=claim, fact_check=_review(2), score=0.95)
    ClaimMatchSuggestion.objects.create(claim=claim, other=rated, score=0.9)
    ClaimMatchSuggestion.objects.create(claim=claim, other=open_one, score=0.88)

    found = desk_matches([claim])[claim.pk]

    assert [s.fact_check.url for s in found.reviews] == [
        "https://checker.example/2",
        "https://checker.example/1",
    ]
    assert [(c.pk, score) for c, score in found.rated] == [(rated.pk, 0.9)]
    assert [s.other_id for s in found.pending] == [open_one.pk]


def test_the_page_shows_the_claim_its_speakers_article_and_matches(
    client, editor, outlet, desk, rating_scale
):
    claim = _claim("Poland will build a wall of 186 km.", outlet=outlet, desk=desk, worth=0.8)
    Attribution.objects.create(claim=claim, actor_text="Polish government", stance="asserts")
    Attribution.objects.create(claim=claim, actor_text="Belarus", stance="denies")
    ClaimMatchSuggestion.objects.create(claim=claim, fact_check=_review(), score=0.93)
    client.force_login(editor)

    page = client.get(DESK).content.decode()

    assert escape(selectors.RANKING_NOTE) in page
    assert "1 new claim in the last 3 days." in page
    for shown in (
        f'<a href="/admin/claims/claim/{claim.pk}/change/">Poland will build a wall of 186 km.</a>',
        'Polish government <span class="stance">(asserts)</span>',
        'Belarus <span class="stance">(denies)</span>',
        "Test Daily",
        f'href="/admin/claims/article/{claim.article_id}/change/"',
        "Checked by <strong>Checker Org</strong> on May 6, 2024: <strong>False</strong>",
        "(score 0.93)",
        "<strong>1.00</strong>",  # 0.8 + 0.2 for the review
        "Assign to me",
    ):
        assert shown in page


def test_the_empty_list_says_where_claims_come_from(client, editor):
    client.force_login(editor)

    page = client.get(DESK, {"language": "de"}).content.decode()

    assert "No new claims in the last 3 days with these filters." in page
    assert "paste an article" in page
    assert "monitor an outlet&#x27;s feed" in page or "monitor an outlet's feed" in page


def test_the_admin_index_and_the_claim_list_link_to_it(client, editor):
    client.force_login(editor)

    for url in (reverse("admin:index"), reverse("admin:claims_claim_changelist")):
        assert f'href="{DESK}"' in client.get(url).content.decode()


def test_triage_from_the_list_goes_through_the_workflow_and_returns_to_the_filters(
    client, editor, outlet, desk
):
    claim = _claim("Claim to triage.", outlet=outlet, desk=desk)
    client.force_login(editor)
    back = f"{DESK}?days=7&language=en"

    response = client.post(
        reverse("admin:claims_claim_desk_action", args=[claim.pk, "triage"]),
        {"next": back, "expected_status": "new"},
    )

    assert response.status_code == 302
    assert response["Location"] == back
    claim.refresh_from_db()
    assert claim.status == "triaged"
    event = ClaimEvent.objects.get(claim=claim, to_status="triaged")
    assert (event.from_status, event.user) == ("new", editor)


def test_assign_to_me_goes_through_the_assignment_service(client, editor, outlet, desk):
    claim = _claim("Claim to take.", outlet=outlet, desk=desk)
    client.force_login(editor)

    client.post(reverse("admin:claims_claim_desk_action", args=[claim.pk, "assign"]))

    claim.refresh_from_db()
    assert claim.assignee == editor
    assert ClaimEvent.objects.filter(claim=claim, kind="assigned", user=editor).count() == 1


def test_a_claim_moved_meanwhile_is_not_triaged_twice(client, editor, outlet, desk):
    claim = _claim("Claim someone dismissed.", outlet=outlet, desk=desk, status="triaged")
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_desk_action", args=[claim.pk, "triage"]),
        {"expected_status": "new"},
        follow=True,
    )

    assert "meanwhile" in response.content.decode()
    assert ClaimEvent.objects.filter(claim=claim).count() == 0


def test_an_analyst_sees_the_list_without_buttons_and_cannot_triage(client, analyst, outlet, desk):
    claim = _claim("Claim an analyst reads.", outlet=outlet, desk=desk)
    client.force_login(analyst)

    page = client.get(DESK).content.decode()
    client.post(reverse("admin:claims_claim_desk_action", args=[claim.pk, "triage"]))

    assert "Claim an analyst reads." in page
    assert "Assign to me" not in page
    assert Claim.objects.get(pk=claim.pk).status == "new"


def test_an_outside_redirect_target_is_ignored(client, editor, outlet, desk):
    claim = _claim("Claim.", outlet=outlet, desk=desk)
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_desk_action", args=[claim.pk, "assign"]),
        {"next": "https://evil.example/"},
    )

    assert response["Location"] == DESK


@pytest.mark.parametrize("n", [1, 5])
def test_the_desk_page_does_not_grow_queries_with_rows(
    client, editor, outlet, other_outlet, desk, rating_scale, n, django_assert_num_queries
):
    feed = Feed.objects.create(outlet=outlet, url="https://test.example/rss")
    for i in range(n):
        claim = _claim(f"New claim number {i}.", outlet=outlet, desk=desk)
        Attribution.objects.create(claim=claim, actor_text=f"Speaker {i}", stance="asserts")
        ClaimMatchSuggestion.objects.create(claim=claim, fact_check=_review(i), score=0.9)
        rated = _claim(f"Rated claim {i}.", outlet=other_outlet, desk=desk, age_days=20)
        _published(rated, editor, rating_scale)
        ClaimMatchSuggestion.objects.create(claim=claim, other=rated, score=0.9)
        mate = _claim(f"Mate {i}.", outlet=other_outlet, desk=desk, age_days=20)
        _published(mate, editor, rating_scale)
        cluster = ClaimCluster.objects.create(label=f"c{i}")
        Claim.objects.filter(pk__in=[claim.pk, mate.pk]).update(cluster=cluster)
        FeedItem.objects.create(feed=feed, guid=str(i), url=f"https://t.example/{i}")
    client.force_login(editor)
    # session, user, the user's and the groups' permissions, the count (at most RANK_LIMIT rows), the ranked page with article, outlet
    # and assignee, its attributions with actors, the suggestions with their reviews and
    # claims, the clusters' published verdicts, the clusters' sizes, filter choices
    # (languages, outlets, feeds) — the same for 1 and 5 rows.
    with django_assert_num_queries(13):
        response = client.get(DESK, {"matched": "1", "language": "en"})
    assert response.status_code == 200
    assert response.content.decode().count('class="desk-row"') == n
