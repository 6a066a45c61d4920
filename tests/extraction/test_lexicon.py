import pytest

from claims.extraction.lexicon import NEGATED_STANCE, load_lexicon
from claims.extraction.results import STANCES


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_every_cue_stance_is_a_known_stance(lang):
    lexicon = load_lexicon(lang)
    cues = [*lexicon.verbs.values(), *lexicon.nouns.values(), *lexicon.adjectives.values()]
    assert sorted({c.stance for c in cues} - set(STANCES)) == []
    assert sorted(set(NEGATED_STANCE.values()) - set(STANCES)) == []


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_every_cue_frame_is_known(lang):
    lexicon = load_lexicon(lang)
    frames = {f for c in lexicon.verbs.values() for f in c.frames}
    assert sorted(frames - set("copsx")) == []


def test_sentence_without_cue_word_or_quote_is_not_parsed():
    lexicon = load_lexicon("cs")
    assert lexicon.triggers("Počasí bylo včera slunečné a teplé.") is False
    assert lexicon.triggers("Ministr nepopírá, že přijde.") is True
    assert lexicon.triggers("Rozčiloval se jeden z nich.") is True
