"""Language differences are rows of strategies.tsv, each used by the rules."""

import re
from pathlib import Path

from claims.extraction.lexicon import load_lexicon

RULES = Path(__file__).resolve().parents[2] / "claims" / "extraction" / "rules.py"


def test_every_strategy_row_names_a_construction_the_rules_use():
    used = set(re.findall(r'uses\("(\w+)"\)', RULES.read_text(encoding="utf-8")))
    for lang in ("cs", "en"):
        assert load_lexicon(lang).strategies <= used, lang


def test_the_rules_test_no_language_code():
    assert not re.search(r"lang\s*[!=]=", RULES.read_text(encoding="utf-8"))
