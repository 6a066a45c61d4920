"""Report pages: analysts only, each a server-side SVG chart with its table and a CSV link."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Actor, Attribution, Claim, Outlet
from claims.reports import selectors, views

from ..exports.conftest import make_claim

SLUGS = ["over-time", "actors", "network", "workflow"]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_report_renders_an_inline_svg_chart_and_its_table_for_an_analyst(
    client, analyst, history, slug
):
    client.force_login(analyst)

    response = client.get(f"/reports/{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "<table>" in html
    assert "format=csv" in html
    # Offline: no script and no asset from another host.
    assert "<script" not in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html


def test_the_index_lists_the_reports(client, analyst, db):
    client.force_login(analyst)

    response = client.get("/reports/")

    assert response.status_code == 200
    for slug in SLUGS:
        assert f'href="/reports/{slug}/"' in response.content.decode()


@pytest.mark.parametrize("path", ["/reports/", "/reports/actors/"])
def test_anonymous_visitors_are_sent_to_the_login(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={path}"


@pytest.mark.parametrize("path", ["/reports/", "/reports/network/"])
def test_staff_without_the_export_permission_get_403(client, staff_without_export, path):
    client.force_login(staff_without_export)

    assert client.get(path).status_code == 403


def test_an_unknown_report_is_404(client, analyst, db):
    client.force_login(analyst)

    assert client.get("/reports/pie/").status_code == 404


def report(client, slug, **params):
    response = client.get(f"/reports/{slug}/", params)
    assert response.status_code == 200
    return response.context["report"]


def test_claims_over_time_counts_each_month_by_verdict(client, analyst, history):
    client.force_login(analyst)

    result = report(client, "over-time", date_to="2024-12-31")

    assert result.columns == ["month", "Pravda", "not published", "total"]
    assert result.rows[0] == ["2024-03", 1, 0, 1]
    assert result.rows[1] == ["2024-04", 0, 0, 0]  # a quiet month stays on the axis
    assert result.rows[2] == ["2024-05", 0, 1, 1]
    assert len(result.rows) == 3


def test_verdicts_per_actor_count_what_each_asserted(client, analyst, history):
    client.force_login(analyst)

    result = report(client, "actors")

    # Russia and North Korea deny the true claim: it is not on their record.
    assert result.columns == ["actor", "Pravda", "rated claims"]
    assert result.rows == [["US officials", 1, 1]]


def test_the_stance_network_joins_actors_on_shared_claims_by_side(client, analyst, history):
    client.force_login(analyst)

    result = report(client, "network")

    assert sorted(map(tuple, result.rows)) == sorted(
        [
            ("Russia", "North Korea", 1, 1, 0, "agree"),
            ("Russia", "US officials", 1, 0, 1, "disagree"),
            ("North Korea", "US officials", 1, 0, 1, "disagree"),
        ]
    )
    html = client.get("/reports/network/").content.decode()
    assert 'stroke="#2e7d32"' in html  # agreement
    assert 'stroke="#c62828"' in html  # opposite sides


def test_workflow_throughput_averages_the_time_in_each_state(client, analyst, history):
    client.force_login(analyst)

    result = report(client, "workflow")

    rows = {row[0]: row for row in result.rows}
    assert rows["new"] == ["new", 2, "3.0 h", "4.0 h", 0]
    assert rows["triaged"] == ["triaged", 1, "3.0 h", "3.0 h", 1]
    assert rows["researching"] == ["researching", 0, "–", "–", 1]
    assert rows["published"] == ["published", 0, "–", "–", 1]


def test_workflow_date_range_selects_when_claims_moved_on(client, analyst, history):
    client.force_login(analyst)

    result = report(client, "workflow", date_from="2024-06-04")

    assert {row[0]: row[1] for row in result.rows}["new"] == 0


def test_the_outlet_filter_narrows_every_report(client, analyst, history):
    client.force_login(analyst)
    outlet = Outlet.objects.get(name="Daily Planet")

    assert report(client, "actors", outlet=outlet.pk).rows == []
    assert report(client, "network", outlet=outlet.pk).rows == []
    rows = {r[0]: r for r in report(client, "workflow", outlet=outlet.pk).rows}
    assert rows["new"][1:3] == [1, "4.0 h"]


def test_a_bad_date_is_refused_with_the_form_error(client, analyst, history):
    client.force_login(analyst)

    response = client.get(
        "/reports/over-time/", {"date_from": "2024-06-10", "date_to": "2024-06-01"}
    )

    assert response.status_code == 400
    assert "The start date is after the end date." in response.content.decode()


def test_the_csv_link_downloads_the_table(client, analyst, history):
    client.force_login(analyst)

    response = client.get("/reports/actors/", {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["actor", "Pravda", "rated claims"], ["US officials", "1", "1"]]


def test_actor_names_are_escaped_in_the_chart(client, analyst, history):
    Actor.objects.filter(name="US officials").update(name="<b>officials</b>")
    client.force_login(analyst)

    html = client.get("/reports/actors/").content.decode()

    assert "<b>officials" not in html
    assert "&lt;b&gt;officials&lt;/b&gt;" in html


def add_claims(claims_data, n: int) -> None:
    article = claims_data.deny.article
    first = Claim.objects.filter(article=article).count()
    for i in range(first, first + n):
        claim = make_claim(article, article.body[i : i + 3], kind=Claim.Kind.DIRECT)
        actor = Actor.objects.create(name=f"Speaker {i}")
        for who in (actor, claims_data.russia):
            Attribution.objects.create(claim=claim, actor=who, stance="asserts")


# session, user, the user's and the groups' permissions, the outlet choices of the filter form,
# then the report's aggregates: over-time 1 (GROUP BY month, rating), actors 2 (top actors, their
# ratings), network 3 (pairs, actor names, actor sizes), workflow 2 (per state, now per status).
@pytest.mark.parametrize(
    ("slug", "expected"), [("over-time", 6), ("actors", 7), ("network", 8), ("workflow", 7)]
)
def test_queries_do_not_grow_with_claims_or_actors(client, analyst, history, slug, expected):
    client.force_login(analyst)
    counts = []
    for n in (1, 5):
        add_claims(history, n)
        cache.clear()  # measure the aggregation, not the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/reports/{slug}/").status_code == 200
        counts.append(len(queries))

    assert counts == [expected, expected]


# What a cached view still costs: session, user, the user's and the groups' permissions, the
# filter form's outlets.
PAGE_QUERIES = 5


@pytest.mark.parametrize("slug", SLUGS)
def test_a_second_view_reads_the_computed_figures_without_aggregating(
    client, analyst, history, slug
):
    client.force_login(analyst)
    first = client.get(f"/reports/{slug}/")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(f"/reports/{slug}/")

    assert len(queries) == PAGE_QUERIES
    assert second.context["report"].rows == first.context["report"].rows
    assert "Figures as of" in second.content.decode()


def test_the_refresh_task_computes_every_unfiltered_report_ahead_of_the_page(
    client, analyst, history
):
    from claims.tasks import refresh_reports_task

    assert refresh_reports_task.delay().get() == sorted(SLUGS)
    client.force_login(analyst)
    for slug in SLUGS:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/reports/{slug}/").status_code == 200
        assert len(queries) == PAGE_QUERIES, slug


def test_a_filtered_view_is_computed_for_its_own_filters(client, analyst, history):
    client.force_login(analyst)
    everything = client.get("/reports/over-time/").context["report"].rows
    outlet = Outlet.objects.create(name="Nobody's Daily")

    narrowed = client.get("/reports/over-time/", {"outlet": outlet.pk}).context["report"].rows

    assert everything != narrowed
    assert narrowed == []


def test_unverifiable_verdicts_are_coloured_apart_from_unpublished_claims():
    breakdown = selectors.Breakdown(
        categories=["2024-06"],
        ratings=[
            selectors.RatingKey("Unverifiable", None),
            selectors.RatingKey("not published", None),
        ],
        counts={("2024-06", "Unverifiable"): 1, ("2024-06", "not published"): 10},
    )

    unverifiable, unpublished = views._rating_series(breakdown)

    assert unverifiable.colour != unpublished.colour
    assert unpublished.colour == "#9aa0a6"
