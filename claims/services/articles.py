"""Taking articles in: decoding, cleaning, size limits, deduplication, scheduling extraction."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from contextlib import nullcontext
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import InvalidArticle
from claims.models import Article, Desk, Outlet
from claims.services.desks import default_desk
from claims.services.outbox import enqueue_extraction, queue_extraction

_HTML_SNIFF = re.compile(r"<\s*(html|body|p|div|script|article|br|span|h[1-6])\b", re.IGNORECASE)
# Control characters other than tab and newline: PostgreSQL refuses NUL in text, and the rest
# are noise from broken encoders that would only shift offsets.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


class _TextFromHTML(HTMLParser):
    """Keeps the visible text of an HTML document; scripts, styles and templates are dropped."""

    _SKIP = {"script", "style", "noscript", "template", "head", "iframe", "svg"}
    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "blockquote",
        "tr",
        "header",
        "footer",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextFromHTML()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def decode_body(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or a clear error; guessing an encoding would corrupt names."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidArticle(
            f"The article is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position "
            f"{exc.start}). Re-encode it as UTF-8 (e.g. `iconv -f cp1250 -t utf-8`) and send it again.",
            fields={"body": ["not valid UTF-8"]},
        ) from exc


# Extensions an editor may upload; anything else (PDF, DOCX) needs converting first.
ARTICLE_FILE_TYPES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
# Encodings an editor can name for a file that is not UTF-8 and does not say what it is.
# Guessing would be worse than asking: a short Czech text in ISO-8859-2 is "detected" as
# ISO-8859-10 and every ž and š in a name comes out wrong.
FILE_ENCODINGS = {
    "windows-1250": "Windows-1250 (Central European, e.g. Czech from Windows)",
    "iso-8859-2": "ISO-8859-2 (Latin-2)",
    "windows-1252": "Windows-1252 (Western European)",
    "iso-8859-1": "ISO-8859-1 (Latin-1)",
    "utf-16": "UTF-16",
}
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)


def _declared_encoding(raw: bytes) -> str | None:
    """The charset an HTML file names in its first bytes, if Python knows it."""
    match = _DECLARED_CHARSET.search(raw[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def decode_page(raw: bytes, content_type: str = "") -> str:
    """A fetched page's text in the encoding it names: its BOM, else the charset of its
    Content-Type header, else of its <meta> tag, else UTF-8 (the HTML standard's order).

    Czech sites still serve Windows-1250 and ISO-8859-2: read as UTF-8, every "č" and "ř" of a
    fed article became U+FFFD and the extractor found no claim in it. Bytes the named encoding
    cannot decode become U+FFFD rather than failing the fetch.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    header = _HEADER_CHARSET.search(content_type)
    for name in filter(None, (header.group(1) if header else "", _declared_encoding(raw))):
        try:
            return raw.decode(codecs.lookup(name).name, errors="replace")
        except LookupError:
            continue
    return raw.decode("utf-8", errors="replace")


def decode_file(*, name: str, raw: bytes, encoding: str = "") -> str:
    """An uploaded file's text: the named encoding, else UTF-8 (a BOM decides UTF-16), else the
    charset an HTML file declares; InvalidArticle says which byte failed and what to do."""
    if encoding:
        candidates = [encoding]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", *filter(None, [_declared_encoding(raw)])]
    for candidate in candidates:
        try:
            return raw.decode(candidate)
        except (UnicodeDecodeError, LookupError) as exc:
            error = exc
    position = error.start if isinstance(error, UnicodeDecodeError) else 0
    said = f"as {encoding}" if encoding else "as UTF-8, nor does it declare another encoding"
    raise InvalidArticle(
        f"“{name}” cannot be read {said} (byte 0x{raw[position]:02x} at position {position}). "
        "Choose the file's encoding under “File encoding” (Czech text saved on Windows is "
        "usually Windows-1250) and upload it again, or save it as UTF-8.",
        fields={"upload": ["cannot be decoded"]},
    ) from error


def read_article_file(*, name: str, raw: bytes, encoding: str = "") -> str:
    """The article text of an uploaded .txt or .html file.

    - decodes it (`decode_file`); refuses other file types and files too large to hold an article
    - reduces HTML to the article's text with trafilatura (navigation and boilerplate dropped),
      or to all visible text when trafilatura finds no article in it
    """
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    kind = ARTICLE_FILE_TYPES.get(suffix)
    if kind is None:
        raise InvalidArticle(
            f"“{name}” is not a .txt or .html file; save the article as text or HTML first.",
            fields={"upload": ["not a .txt or .html file"]},
        )
    # UTF-8 takes at most 4 bytes a character; markup may double an HTML page.
    limit = settings.ARTICLE_MAX_CHARS * 8
    if len(raw) > limit:
        raise InvalidArticle(
            f"“{name}” has {len(raw):,} bytes; the limit is {limit:,}. Split it into separate "
            "articles.",
            fields={"upload": ["too large"]},
        )
    text = decode_file(name=name, raw=raw, encoding=encoding)
    if kind == "html" or _HTML_SNIFF.search(text[:5000]):
        import trafilatura

        text = trafilatura.extract(text, include_comments=False) or html_to_text(text)
    return text


def clean_body(body: str | bytes) -> str:
    """The exact text that spans will index: decoded, HTML stripped, newlines normalised."""
    text = decode_body(body) if isinstance(body, bytes) else body
    if _HTML_SNIFF.search(text[:5000]):
        text = html_to_text(text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text).strip()
    if not text:
        raise InvalidArticle(
            "The article body is empty (after removing markup and whitespace). "
            "Send the article's text in `body`.",
            fields={"body": ["empty"]},
        )
    limit = settings.ARTICLE_MAX_CHARS
    if len(text) > limit:
        raise InvalidArticle(
            f"The article body has {len(text):,} characters; the limit is {limit:,} "
            "(setting ARTICLE_MAX_CHARS). Split it into separate articles.",
            fields={"body": ["too long"]},
        )
    return text


def check_language(language: str) -> str:
    """An ISO 639-1 code, or "" to detect the language."""
    language = language.strip().lower()
    if language in {"auto", ""}:
        return ""
    if not _LANGUAGE.match(language):
        raise InvalidArticle(
            f"Language {language!r} is not an ISO 639-1 code; use e.g. 'cs' or 'en', or omit it "
            "to detect the language.",
            fields={"language": ["not an ISO 639-1 code"]},
        )
    return language


def body_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_article(
    *,
    body: str | bytes,
    title: str = "",
    url: str = "",
    author: str = "",
    language: str = "",
    published_at: dt.datetime | None = None,
    outlet: Outlet | None = None,
    desk: Desk | None = None,
    submitted_by_id: int | None = None,
    extract: bool = True,
) -> IngestResult:
    """Store an article once (deduplicated by its text) and schedule its extraction.

    - cleans the body (`clean_body`): bad encodings, empty and oversize texts raise InvalidArticle
    - returns the existing article when the same text, or the same URL, was ingested before;
      one whose extraction never ran (still `received`: the broker was down) is queued again
    - queues `claims.tasks.extract_article_task` after commit through the outbox: a broker
      error leaves the article `received` for the sweep instead of failing the caller
    """
    text = clean_body(body)
    language = check_language(language)
    digest = body_sha256(text)
    existing = Article.objects.filter(body_sha256=digest).first()
    if existing is None and url:
        existing = Article.objects.filter(url=url).first()
    if existing is not None:
        if extract and existing.status == Article.Status.RECEIVED:
            queue_extraction(article_id=existing.pk)
        elif (
            extract
            and language
            and existing.status == Article.Status.FAILED
            and existing.language != language
        ):
            # Sent again with its language named after it failed (detection guessed wrong, or
            # the first sender named a wrong one): take the language and extract again, else
            # the corrected submission only gets the old failure back.
            with transaction.atomic():
                Article.objects.filter(pk=existing.pk).update(
                    language=language, status=Article.Status.RECEIVED, error=""
                )
                queue_extraction(article_id=existing.pk)
            existing.refresh_from_db()
        return IngestResult(article=existing, created=False)

    desk = desk or default_desk()
    # At the top level the INSERT commits on its own, and the extraction is sent after it (what
    # on_commit does outside a transaction): no BEGIN and COMMIT round trips. Inside a caller's
    # transaction, a savepoint keeps a lost race (IntegrityError) from breaking it.
    in_transaction = transaction.get_connection().in_atomic_block
    try:
        with transaction.atomic() if in_transaction else nullcontext():
            article = Article.objects.create(
                body=text,
                body_sha256=digest,
                title=title.strip()[:500],
                url=url.strip(),
                author=author.strip()[:300],
                language=language,
                published_at=published_at,
                outlet=outlet,
                desk=desk,
                submitted_by_id=submitted_by_id,
                # What queue_extraction stamps, written by the INSERT itself: no UPDATE after it.
                queued_at=timezone.now() if extract else None,
                extraction_attempts=0,
            )
            if extract:
                enqueue_extraction(article_id=article.pk)
    except IntegrityError:
        # Two submissions of the same text raced; the other one won and is the article.
        article = Article.objects.get(body_sha256=digest)
        return IngestResult(article=article, created=False)
    return IngestResult(article=article, created=True)


def request_extraction(*, article_ids: list[int]) -> int:
    """Queue (re-)extraction of articles in a worker; returns how many were queued.

    - marks them `received` (queued) and clears an earlier error; the worker replaces machine
      claims and keeps what editors changed (`claims.services.extraction.extract_article`)
    - the messages go out after commit through the outbox (the sweep covers a broker outage)
    """
    with transaction.atomic():
        queued = Article.objects.filter(pk__in=article_ids).update(
            status=Article.Status.RECEIVED, error=""
        )
        for article_id in article_ids:
            queue_extraction(article_id=article_id)
    return queued


# What an editor may change about a stored article; never its body, which every span indexes.
ARTICLE_DETAILS = ("title", "outlet", "desk", "url", "author", "published_at", "language")


def update_article(*, article: Article, changes: dict[str, Any]) -> Article:
    """Change what is known about an article (title, outlet, desk, URL, author, date, language).

    - the body is not one of them: spans index it, and a new text is a new article
    - an invalid language code raises InvalidArticle; the change is saved in one UPDATE
    """
    unknown = sorted(set(changes) - set(ARTICLE_DETAILS))
    if unknown:
        raise InvalidArticle(
            f"{', '.join(unknown)} cannot be changed on a stored article; add a new article.",
            fields={name: ["not editable"] for name in unknown},
        )
    if "language" in changes:
        changes["language"] = check_language(changes["language"] or "")
    for name, value in changes.items():
        setattr(article, name, value)
    if changes:
        article.save(update_fields=list(changes))
    return article
