"""Language differences are rows of strategies.tsv, each used by the rules."""

import re
from pathlib import Path

import pytest

from claims.extraction import extract
from claims.extraction.lexicon import load_lexicon
from claims.extraction.verbs import CONSTRUCTIONS, constructions_for, load_table

RULES = Path(__file__).resolve().parents[2] / "claims" / "extraction" / "rules.py"


def test_every_strategy_row_names_a_construction_the_rules_use():
    used = {
        name
        for module in RULES.parent.glob("*.py")
        for name in re.findall(r'uses\("(\w+)"\)', module.read_text(encoding="utf-8"))
    }
    for lang in ("cs", "en"):
        assert load_lexicon(lang).strategies <= used, lang


def test_the_rules_test_no_language_code():
    for name in ("rules.py", "verbs.py", "statements.py"):
        assert not re.search(r"lang\s*[!=]=", (RULES.parent / name).read_text(encoding="utf-8"))


def test_every_construction_row_names_a_function_and_every_function_has_a_row():
    used: set[str] = set()
    for lang in ("cs", "en"):
        used |= {fn.__name__ for fn in constructions_for(lang)}
    assert used == set(CONSTRUCTIONS)


def test_a_construction_table_with_an_unknown_name_says_which_row(tmp_path):
    table = tmp_path / "constructions.tsv"
    table.write_text("# order\nclause_after\twhy\nsaid_twice\twhy\n", encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"constructions.tsv:3: no construction named 'said_twice'"
    ):
        load_table(table)


def test_a_language_tries_only_the_constructions_of_its_table(monkeypatch):
    """A construction belongs to a language by its row: without the row, the cue is not
    read that way."""
    text = "The mayor called for an inquiry into the budget."
    with_row = extract(text, language="en")
    assert [c.text for c in with_row.claims] == ["an inquiry into the budget"]
    without = tuple(fn for fn in constructions_for("en") if fn.__name__ != "call_for")
    monkeypatch.setattr("claims.extraction.rules.constructions_for", lambda lang: without)
    assert [c.text for c in extract(text, language="en").claims] != ["an inquiry into the budget"]
