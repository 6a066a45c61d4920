"""`manage.py extract FILE|-` and `--jsonl IN.jsonl`: the extraction contract of DESIGN.md §4.

Writes nothing to the database; prints JSON (or a table for people) on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction import ExtractionResult, extract, extract_many
from claims.management.commands._registry import command_registry


def _read_text(source: str, max_bytes: int | None = None) -> str:
    """The input decoded; with `max_bytes`, at most that many bytes (plus one, to tell)."""
    if source == "-":
        raw = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(max_bytes + 1)
    else:
        raw = _read_file(source, max_bytes)
    if max_bytes is not None and len(raw) > max_bytes:
        raise CommandError(
            f"{source}: more than {max_bytes:,} bytes; the limit is "
            f"{max_bytes // 4:,} characters (--max-chars, default ARTICLE_MAX_CHARS). "
            "Split the text into separate articles."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{source}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); "
            "convert it first, e.g. `iconv -f cp1250 -t utf-8`."
        ) from exc


def _read_file(path: str, max_bytes: int | None = None) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            return handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc


def _payload(result: ExtractionResult) -> dict[str, Any]:
    payload = result.to_dict()
    if result.status != "ok":
        payload.setdefault("status", result.status)
        payload.setdefault("message", result.message)
    return payload


class Command(BaseCommand):
    help = "Extract attributed claims from a UTF-8 text file (or - for stdin) without saving."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", nargs="?", help="UTF-8 text file, or - for stdin")
        parser.add_argument("--lang", default="auto", choices=["auto", "cs", "en"])
        parser.add_argument("--format", default="json", choices=["json", "table"])
        parser.add_argument(
            "--max-chars",
            type=int,
            default=None,
            help="refuse a text (or a JSONL document) longer than this; default ARTICLE_MAX_CHARS",
        )
        parser.add_argument(
            "--jsonl",
            metavar="IN.jsonl",
            help='one {"id", "text", "lang"?} per line; prints one line each',
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        # The engine's time grows with the text: a 5 MB file ran for minutes at 2 GB, so a text
        # over the limit is refused before any parsing, as ingestion refuses it.
        max_chars = options["max_chars"] or settings.ARTICLE_MAX_CHARS
        if options["jsonl"]:
            return self._jsonl(options["jsonl"], options["lang"], max_chars)
        if not options["file"]:
            raise CommandError("Give a FILE (or - for stdin), or --jsonl IN.jsonl.")
        text = _read_text(options["file"], max_bytes=4 * max_chars)  # UTF-8: ≤ 4 bytes a char
        if len(text) > max_chars:
            raise CommandError(
                f"{options['file']}: {len(text):,} characters; the limit is {max_chars:,} "
                "(--max-chars, default ARTICLE_MAX_CHARS). Split the text into separate articles."
            )
        registry, _ = command_registry()
        result = extract(text, language=options["lang"], registry=registry)
        if options["format"] == "table":
            self._table(result)
        else:
            self.stdout.write(json.dumps(_payload(result), ensure_ascii=False, indent=2))
        return None

    def _jsonl(self, path: str, default_lang: str, max_chars: int) -> None:
        docs = []
        for number, line in enumerate(_read_text(path).splitlines(), 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                docs.append((doc["id"], doc["text"], doc.get("lang") or default_lang))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CommandError(
                    f"{path}, line {number}: expected a JSON object with 'id' and 'text' ({exc})."
                ) from exc
        # Documents over the limit are answered in place, in input order, without parsing.
        registry, _ = command_registry()
        # extract_many yields in input order, so results stay streamed (bounded memory).
        results = extract_many(
            ((doc_id, text, lang) for doc_id, text, lang in docs if len(text) <= max_chars),
            registry=registry,
        )
        for doc_id, text, _ in docs:
            if len(text) <= max_chars:
                _, result = next(results)
                payload = _payload(result)
                line = {"id": doc_id, "language": payload.pop("language"), **payload}
            else:
                line = {
                    "id": doc_id,
                    "language": None,
                    "claims": [],
                    "status": "too_long",
                    "message": f"{len(text):,} characters; the limit is {max_chars:,}.",
                }
            self.stdout.write(json.dumps(line, ensure_ascii=False))

    def _table(self, result: ExtractionResult) -> None:
        self.stdout.write(
            f"language: {result.language}   extractor: {result.extractor_version}"
            f"   status: {result.status} {result.message}"
        )
        for n, claim in enumerate(result.claims, 1):
            self.stdout.write(
                f"\n#{n} [{claim.span[0]}:{claim.span[1]}] {claim.kind} "
                f"checkworthy={claim.checkworthy:.2f}\n   “{claim.text}”"
            )
            for a in claim.attributions:
                self.stdout.write(
                    f"   - {a.actor or '(unresolved)'} ← “{a.actor_text}”  "
                    f"{a.stance}  cue “{a.cue}”"
                )
