"""`manage.py extract FILE|-` and `--jsonl IN.jsonl`: the extraction contract of DESIGN.md §4.

Writes nothing to the database; prints JSON (or a table for people) on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from claims.extraction import ExtractionResult, extract, extract_many
from claims.management.commands._registry import command_registry


def _read_text(source: str) -> str:
    raw = sys.stdin.buffer.read() if source == "-" else _read_file(source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{source}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); "
            "convert it first, e.g. `iconv -f cp1250 -t utf-8`."
        ) from exc


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
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
            "--jsonl",
            metavar="IN.jsonl",
            help='one {"id", "text", "lang"?} per line; prints one line each',
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        registry, _ = command_registry()
        if options["jsonl"]:
            return self._jsonl(options["jsonl"], registry, options["lang"])
        if not options["file"]:
            raise CommandError("Give a FILE (or - for stdin), or --jsonl IN.jsonl.")
        text = _read_text(options["file"])
        result = extract(text, language=options["lang"], registry=registry)
        if options["format"] == "table":
            self._table(result)
        else:
            self.stdout.write(json.dumps(_payload(result), ensure_ascii=False, indent=2))
        return None

    def _jsonl(self, path: str, registry, default_lang: str) -> None:  # type: ignore[no-untyped-def]
        lines = _read_text(path).splitlines()
        items = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                items.append((doc["id"], doc["text"], doc.get("lang") or default_lang))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CommandError(
                    f"{path}, line {number}: expected a JSON object with 'id' and 'text' ({exc})."
                ) from exc
        for doc_id, result in extract_many(items, registry=registry):
            payload = _payload(result)
            line = {"id": doc_id, "language": payload.pop("language"), **payload}
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
