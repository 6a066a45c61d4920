"""The admin's "Add article" form: pasted text, an uploaded file, or a URL to fetch.

The form only shapes and checks the input; `submit` hands it to the same submission service the
partner API uses, so cleaning, the dedupe hash, the desk and the extraction task are the same.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from claims.errors import DomainError, InvalidArticle
from claims.services.articles import (
    FILE_ENCODINGS,
    check_language,
    clean_body,
    read_article_file,
)
from partners.models import ArticleSubmission
from partners.services.submissions import Submission, submit_article, submit_for_partner

# Model fields the form shows with the admin's own widgets (outlet autocomplete, date picker).
ABOUT_FIELDS = ("title", "outlet", "desk", "author", "published_at", "language")

TEXT_HELP = (
    "Paste the article's text here, or upload a file below, or give only its URL and the "
    "text is fetched from it. Claims are extracted as soon as it is saved."
)


class ArticleAddForm(forms.Form):
    body = forms.CharField(
        label="Text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "vLargeTextField article-body"}),
        help_text=TEXT_HELP,
    )
    upload = forms.FileField(
        label="…or a file",
        required=False,
        help_text="A .txt or .html file (HTML is reduced to the article's text).",
    )
    encoding = forms.ChoiceField(
        label="File encoding",
        required=False,
        choices=[("", "UTF-8, or what the file declares"), *FILE_ENCODINGS.items()],
        help_text="Only for a file that is not UTF-8 and does not say which encoding it uses.",
    )
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=(
            "Where the article was published. Without text or a file, the page is fetched in "
            "the background and the article appears in the list when it is in."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        body, upload, url = cleaned.get("body", ""), cleaned.get("upload"), cleaned.get("url")
        if body.strip() and upload is not None:
            raise ValidationError("Paste the text or upload a file, not both.")
        if upload is not None:
            body = self._read(upload, cleaned.get("encoding", ""))
            if "upload" in self.errors:
                return cleaned
        elif not body.strip() and not url:
            if "url" in self.errors:
                return cleaned
            raise ValidationError("Paste the article's text, upload a file, or give its URL.")
        if body.strip() or upload is not None:
            try:
                cleaned["text"] = clean_body(body)
            except InvalidArticle as exc:
                self.add_error("upload" if upload is not None else "body", exc.message)
        else:
            cleaned["text"] = ""
        return cleaned

    def _read(self, upload: Any, encoding: str) -> str:
        try:
            return read_article_file(name=upload.name, raw=upload.read(), encoding=encoding)
        except InvalidArticle as exc:
            self.add_error("upload", exc.message)
            return ""

    def submit(self) -> Submission | ArticleSubmission:
        """Ingest the text now, or leave a URL to the worker, through the API's services.

        DomainError (e.g. a URL the server may not fetch) goes to `show`.
        """
        data = self.cleaned_data
        outlet = data.get("outlet")
        if not data["text"]:
            return submit_for_partner(
                partner=None,
                url=data["url"],
                title=data.get("title") or "",
                language=data.get("language") or "",
                outlet_name=outlet.name if outlet else "",
            )
        return submit_article(
            partner=None,
            body=data["text"],
            url=data.get("url") or "",
            title=data.get("title") or "",
            language=data.get("language") or "",
            outlet=outlet,
            desk=data.get("desk"),
            author=data.get("author") or "",
            published_at=data.get("published_at"),
        )

    def show(self, error: DomainError) -> None:
        """Put a service's refusal on the fields it names, or on the form."""
        placed = False
        for name in error.fields:
            if name in self.fields:
                self.add_error(name, error.message)
                placed = True
        if not placed:
            self.add_error(None, error.message)


class ArticleChangeForm(forms.ModelForm):
    """The details of a stored article; `update_article` writes them."""

    def clean_language(self) -> str:
        try:
            return check_language(self.cleaned_data.get("language") or "")
        except InvalidArticle as exc:
            raise ValidationError(exc.message) from exc
