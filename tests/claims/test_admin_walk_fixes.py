"""What an editor saw on the desk with a real worker (not eager Celery), walking it in a browser.

- an article saved in the admin is `received` until the worker has extracted it: its page must
  not say it has no claims meanwhile
- giving a claim to somebody through the claim page's Assignee field is an assignment like
  "Assign to me": it shows in the claim's history (and notifies the assignee)
"""

from __future__ import annotations

import pytest

from claims.models import Article, ClaimEvent


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # WhiteNoise warns about a missing STATIC_ROOT otherwise
    client.force_login(editor)
    return client


def article_page(client, article: Article) -> str:
    response = client.get(f"/admin/claims/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_article_the_worker_has_not_read_yet_does_not_claim_to_have_no_claims(
    editor_client, article
):
    Article.objects.filter(pk=article.pk).update(status=Article.Status.RECEIVED)

    page = article_page(editor_client, article)

    assert "No claims extracted." not in page
    assert "Not extracted yet (status: received)" in page
    assert "reload the page" in page


def test_an_extracted_article_without_claims_says_so(editor_client, article):
    assert "No claims extracted." in article_page(editor_client, article)


def test_a_failed_extraction_points_at_the_error(editor_client, article):
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.FAILED, error="engine crashed"
    )

    page = article_page(editor_client, article)

    assert "No claims extracted." not in page
    assert "extraction failed" in page


def form_data(response) -> dict[str, object]:
    """The claim page's form as the browser would send it back unchanged."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = value
    return data


def test_the_assignee_field_records_the_assignment_in_the_claims_history(
    editor_client, editor, claim
):
    url = f"/admin/claims/claim/{claim.pk}/change/"
    data = form_data(editor_client.get(url))
    data["assignee"] = editor.pk

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.assignee == editor
    assigned = ClaimEvent.objects.filter(claim=claim, kind=ClaimEvent.Kind.ASSIGNED)
    assert [(e.note, e.user) for e in assigned] == [("Assigned to editor", editor)]
    assert "Assigned to editor" in editor_client.get(url).content.decode()
