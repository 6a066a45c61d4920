from claims.extraction import ActorRegistry
from claims.extraction.registry import MentionWord


def _resolve(
    registry: ActorRegistry, text: str, lang: str, proper: tuple[str, ...] = ()
) -> str | None:
    words = [MentionWord(w, w in proper) for w in text.split()]
    actor = registry.resolve(words, lang)
    return actor.name if actor else None


def test_inflected_czech_name_resolves(registry):
    assert _resolve(registry, "Putinem", "cs", ("Putinem",)) == "Vladimir Putin"
    assert _resolve(registry, "Putina", "cs", ("Putina",)) == "Vladimir Putin"


def test_role_description_resolves(registry):
    assert _resolve(registry, "šéfa Kremlu", "cs", ("Kremlu",)) == "Vladimir Putin"
    assert _resolve(registry, "ruský prezident", "cs") == "Vladimir Putin"


def test_metonymy_resolves_to_the_state(registry):
    assert _resolve(registry, "Moskva", "cs", ("Moskva",)) == "Russia"
    assert _resolve(registry, "Pchjongjang", "cs", ("Pchjongjang",)) == "North Korea"
    assert _resolve(registry, "Washington", "en", ("Washington",)) == "United States"


def test_role_alias_does_not_swallow_another_named_person(registry):
    text = "ruský prezident Boris Jelcin"
    assert _resolve(registry, text, "cs", ("Boris", "Jelcin")) is None


def test_unknown_source_stays_unresolved(registry):
    assert _resolve(registry, "mluvčí hasičů", "cs") is None


def test_registry_from_entries_accepts_the_documented_shape():
    registry = ActorRegistry.from_entries(
        [
            {
                "name": "Vladimir Putin",
                "kind": "person",
                "aliases": {"cs": ["šéf Kremlu"], "en": ["Putin"]},
            }
        ]
    )
    assert registry.lookup("šéfa Kremlu", "cs").name == "Vladimir Putin"
    assert len(registry) == 1
