"""Every error under /api/ answers `{"error": {"code", "message", "fields"}}`, never HTML.

Personas: partner_a (a read,submit key), staff_client (the reviewer's session), analyst (may
export), an anonymous client.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_a_body_over_the_upload_limit_is_413_in_the_error_shape(partner_a, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"body": "Schodek letos klesne. " * 1000})

    response = partner_a.client.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


def test_the_upload_limit_fits_the_largest_article_in_any_alphabet():
    # ARTICLE_MAX_CHARS characters as JSON \\uXXXX escapes (6 bytes each) must still get through.
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= django_settings.ARTICLE_MAX_CHARS * 6


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_unknown_api_paths_answer_404_in_the_error_shape(partner_a, method):
    response = getattr(partner_a.client, method)("/api/v1/nothing-here/", {}, format="json")

    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_a_write_to_a_wrong_path_with_a_session_is_not_a_csrf_page(reviewer):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    response = client.post("/api/v1/claim/", {"x": 1}, format="json")

    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_a_csrf_failure_on_an_api_write_is_json(reviewer, desk):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)

    response = client.post("/api/v1/articles/", {"body": "Text."}, format="json")

    assert response.status_code == 403
    assert _error(response)["code"] == "permission_denied"


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/exports/claims.csv", 401, "not_authenticated"),
        ("/api/v1/exports/jobs/1/", 401, "not_authenticated"),
    ],
)
def test_exports_refuse_in_the_error_shape(partner_a, path, status, code):
    response = partner_a.client.get(path)

    assert response.status_code == status
    assert _error(response)["code"] == code


def test_export_errors_keep_their_message_in_the_error_shape(analyst, desk):
    client = APIClient()
    client.force_login(analyst)

    unknown = client.get("/api/v1/exports/claims.pdf")
    missing = client.get("/api/v1/exports/jobs/999999/")
    wrong_method = client.post("/api/v1/exports/claims.csv")

    assert (unknown.status_code, _error(unknown)["message"]) == (
        404,
        "Unknown export format 'pdf'; choose one of csv, xlsx, jsonl, claimreview.",
    )
    assert (missing.status_code, _error(missing)["code"]) == (404, "not_found")
    assert (wrong_method.status_code, _error(wrong_method)["code"]) == (405, "method_not_allowed")
    assert wrong_method["Allow"] == "GET"


def test_a_method_the_endpoint_lacks_is_405_in_the_error_shape(partner_a):
    response = partner_a.client.delete("/api/v1/claims/")

    assert response.status_code == 405
    assert _error(response)["code"] == "method_not_allowed"
