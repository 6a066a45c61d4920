"""Public entry points: text in, ExtractionResult out."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc

from .assemble import assemble
from .discourse import Facts
from .language import PREFIX_CHARS, SUPPORTED, detect_language
from .lexicon import load_lexicon
from .pipeline import get_nlp
from .quotes import QuoteIndex, find_quotes
from .registry import ActorRegistry
from .repairs import repair
from .results import ExtractionResult
from .rules import Candidate, SentenceRules
from .segment import paragraphs, sentences
from .statements import unmarked_speech
from .textrules import text_candidates

EXTRACTOR_VERSION = "0.7.144"
BATCH_SIZE = 256
DOCS_PER_CHUNK = 64
log = logging.getLogger(__name__)
# In production one odd parse must not cost the whole article; under test a rule that raises
# is a bug and must fail (tests/conftest.py sets this).
STRICT_RULES = os.environ.get("EXTRACTION_STRICT_RULES") == "1"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _Job:
    doc_id: object
    text: str
    result: ExtractionResult
    quotes: QuoteIndex | None = None
    candidates: list[Candidate] = field(default_factory=list)
    facts: Facts | None = None


def _prepare(doc_id: object, text: object, language: str | None) -> _Job:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text.strip():
        return _Job(doc_id, text, _result("empty", None, "the text is empty"))
    if isinstance(language, str):
        language = language.strip().lower()
    if language in SUPPORTED:
        lang: str | None = language
    elif language in (None, "", "auto"):
        detection = detect_language(clean(text[:PREFIX_CHARS]))
        if not detection.supported:
            return _Job(
                doc_id, text, _result("unsupported_language", detection.language, detection.message)
            )
        lang = detection.language
    else:
        msg = f"language '{language}' is not supported (supported: {', '.join(SUPPORTED)})"
        return _Job(doc_id, text, _result("unsupported_language", language, msg))
    job = _Job(doc_id, text, _result("ok", lang, ""), facts=Facts(lang or "en"))
    quotes = find_quotes(text)
    job.quotes = QuoteIndex(quotes)
    job.candidates.extend(text_candidates(text, job.quotes))
    return job


def _result(status: str, lang: str | None, message: str) -> ExtractionResult:
    return ExtractionResult(
        status=status, language=lang, extractor_version=EXTRACTOR_VERSION, message=message
    )


def clean(text: str) -> str:
    """Lone surrogates (from undecodable bytes) break spaCy and lingua; U+FFFD keeps offsets."""
    return _SURROGATE.sub("\ufffd", text)


def _sentences(job: _Job) -> Iterator[tuple[str, int]]:
    lang = job.result.language or "en"
    lexicon = load_lexicon(lang)
    for p_start, p_end in paragraphs(job.text):
        for s, e in sentences(job.text, p_start, p_end, lang):
            if lexicon.triggers(job.text[s:e]):
                yield clean(job.text[s:e]), s


def _apply_rules(job: _Job, doc: Doc, offset: int) -> None:
    lang = job.result.language or "en"
    assert job.quotes is not None
    try:
        repair(doc)
        found = SentenceRules(job.text, doc, offset, load_lexicon(lang), job.quotes).run()
    except Exception:
        if STRICT_RULES:
            raise
        log.exception("extraction rules failed on a sentence at offset %d", offset)
        return
    job.candidates.extend(found)
    if job.facts is not None:
        try:
            job.facts.observe(doc, offset, found)
        except Exception:  # speakers then fall back to what the rules found
            log.exception("speaker facts failed on a sentence at offset %d", offset)


def _finish(job: _Job, registry: ActorRegistry) -> ExtractionResult:
    if job.result.status == "ok":
        lang = job.result.language or "en"
        quotes = job.quotes
        if quotes is not None:
            unmarked_speech(job.text, job.candidates, load_lexicon(lang), quotes)
        job.result.claims = assemble(
            job.text,
            job.candidates,
            registry,
            lang,
            job.facts,
            quotes.covering if quotes is not None else None,
        )
        job.candidates = []
    return job.result


def extract_many(
    items: Iterable[tuple[object, str, str | None]],
    registry: ActorRegistry | None = None,
    batch_size: int = BATCH_SIZE,
    docs_per_chunk: int = DOCS_PER_CHUNK,
) -> Iterator[tuple[object, ExtractionResult]]:
    """Yield (doc_id, result) in input order.

    Documents are taken in chunks; within a chunk the sentences of all documents of one
    language share a single nlp.pipe stream (starting a pipe per short document costs more
    than parsing it), and memory stays bounded by one chunk's candidates.
    """
    registry = registry or ActorRegistry.empty()
    iterator = iter(items)
    while True:
        chunk = [
            _prepare(doc_id, text, lang) for doc_id, text, lang in islice(iterator, docs_per_chunk)
        ]
        if not chunk:
            return
        for lang in SUPPORTED:
            jobs = [j for j in chunk if j.result.status == "ok" and j.result.language == lang]
            if not jobs:
                continue
            stream = ((sent, (job, offset)) for job in jobs for sent, offset in _sentences(job))
            for doc, (job, offset) in get_nlp(lang).pipe(
                stream, as_tuples=True, batch_size=batch_size
            ):
                _apply_rules(job, doc, offset)
        for job in chunk:
            yield job.doc_id, _finish(job, registry)


def extract(
    text: str, language: str | None = "auto", registry: ActorRegistry | None = None
) -> ExtractionResult:
    return next(extract_many([(None, text, language)], registry=registry))[1]
