"""The front door: `/` and the admin's "View site" lead somewhere useful."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse


def test_the_landing_page_links_the_admin_the_reports_and_the_api_docs(client, db):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/admin/">Admin</a>' in html
    assert '<a href="/reports/">Reports</a>' in html
    assert '<a href="/api/docs/">API documentation</a>' in html


def test_view_site_in_the_admin_points_at_the_landing_page(client, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:index")).content.decode()

    assert admin.site.site_url == "/"
    assert '<a href="/">View site</a>' in html
    assert "<title>Articles, claims and verdicts | Factcheck desk</title>" in html


def test_the_favicon_the_browser_asks_for_is_there(client, editor):
    client.force_login(editor)

    response = client.get("/favicon.ico")

    assert response.status_code == 302
    icon = response["Location"]
    assert icon == static("factcheck/favicon.svg")
    assert finders.find("factcheck/favicon.svg") is not None
    # The admin's pages name it too, so the browser need not guess.
    html = client.get(reverse("admin:index")).content.decode()
    assert f'<link rel="icon" href="{icon}" type="image/svg+xml">' in html
