"""The OpenAPI schema validates, and the docs load only local files (they work offline)."""

from __future__ import annotations

import re

from django.core.management import call_command
from rest_framework.test import APIClient


def test_schema_validates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    text = target.read_text()
    assert "/api/v1/claims/{id}/claimreview/:" in text
    assert "ApiKeyAuth" in text


def test_schema_is_served(db):
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Factcheck claim and attribution API"


def test_swagger_ui_loads_no_remote_files(db):
    response = APIClient().get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    remote = re.findall(r"""(?:src|href)=["'](https?:)?//[^"']+""", html)
    assert remote == []


def test_redoc_loads_no_remote_files(db):
    html = APIClient().get("/api/redoc/").content.decode()

    assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in html
    assert re.findall(r"""(?:src|href)=["'](https?:)?//[^"']+""", html) == []
