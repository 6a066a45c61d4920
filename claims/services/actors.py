"""Actors and their aliases: the registry the extractor resolves against, creation and merging."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as StaffUser
from django.db import transaction

from claims.models import Actor, ActorAlias, Attribution

# Source phrases that name nobody in particular: never turned into a new Actor.
_GENERIC_FIRST_WORDS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "the",
    "a",
    "an",
    "this",
    "that",
    "officials",
    "sources",
    "source",
    "on",
    "ona",
    "oni",
    "ono",
    "ten",
    "ta",
    "to",
    "jeden",
    "jedna",
    "někdo",
    "podle",
    "mluvčí",
}


def normalize_alias(text: str) -> str:
    """Casefolded, whitespace-collapsed form used for alias lookups and uniqueness."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def registry_entries() -> list[dict[str, Any]]:
    """Actors with their aliases per language, in the shape `ActorRegistry.from_entries` takes."""
    aliases: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for actor_id, alias, language in ActorAlias.objects.values_list(
        "actor_id", "alias", "language"
    ):
        # An alias without a language is a name in every language the extractor reads.
        for lang in [language] if language else ["cs", "en"]:
            aliases[actor_id][lang].append(alias)
    return [
        {
            "name": name,
            "kind": kind,
            "aliases": {lang: sorted(values) for lang, values in aliases[pk].items()},
        }
        for pk, name, kind in Actor.objects.values_list("pk", "name", "kind").order_by("pk")
    ]


def named_source(actor_text: str) -> str | None:
    """The proper name inside a source phrase, or None when it names nobody in particular.

    "Václav Novotný z Ústavu pro mezinárodní vztahy" → "Václav Novotný";
    "The New York Post" → "The New York Post"; "Reuters" → "Reuters"; "officials" → None.
    The longest run of capitalised words wins; a single word counts only when it is the
    whole phrase, since a lone capital is often just the start of a sentence.
    """
    words = re.findall(r"[^\W\d_][\w'’.-]*", actor_text)
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        return word if word[0].isupper() and word.casefold() not in _GENERIC_FIRST_WORDS else None
    runs: list[list[str]] = [[]]
    for word in words:
        if word[0].isupper() and word.casefold() not in _GENERIC_FIRST_WORDS:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    best = max(runs, key=len)
    return " ".join(best) if len(best) >= 2 else None


def get_or_create_actor(
    *,
    name: str,
    kind: str = Actor.Kind.PERSON,
    aliases: Iterable[tuple[str, str]] = (),
    description: str = "",
    country: str = "",
    wikidata_id: str = "",
    created_by_extractor: bool = False,
) -> Actor:
    """The actor with this canonical name, created with its aliases when missing.

    - adds every (alias, language) pair that is not there yet; existing fields stay as editors left them
    """
    actor, created = Actor.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind,
            "description": description,
            "country": country,
            "wikidata_id": wikidata_id,
            "created_by_extractor": created_by_extractor,
        },
    )
    existing = set(actor.aliases.values_list("alias", "language")) if not created else set()
    new_aliases = [
        ActorAlias(actor=actor, alias=alias, language=language, normalized=normalize_alias(alias))
        for alias, language in dict.fromkeys(aliases)
        if (alias, language) not in existing
    ]
    ActorAlias.objects.bulk_create(new_aliases)
    return actor


@transaction.atomic
def merge_actors(*, keep: Actor, others: Iterable[Actor]) -> Actor:
    """Fold duplicate actors into `keep`.

    - moves their attributions and aliases to `keep` (their names become aliases of `keep`)
    - deletes the merged actors
    """
    for other in others:
        if other.pk == keep.pk:
            continue
        Attribution.objects.filter(actor=other).update(actor=keep)
        known = set(keep.aliases.values_list("alias", "language"))
        for alias in other.aliases.all():
            if (alias.alias, alias.language) not in known:
                alias.actor = keep
                alias.save(update_fields=["actor"])
                known.add((alias.alias, alias.language))
        if (other.name, "") not in known:
            ActorAlias.objects.create(
                actor=keep, alias=other.name, language="", normalized=normalize_alias(other.name)
            )
        other.delete()
    return keep


def save_actor(*, actor: Actor, user: StaffUser | AnonymousUser | None = None) -> Actor:
    """Store an editor's edit of an actor (name, kind, description, country, Wikidata id).

    - the history records who changed it; the extractor's registry reads the change next run
    """
    actor.name = actor.name.strip()
    actor._history_user = user if user is not None and user.is_authenticated else None  # type: ignore[attr-defined]
    actor.save()
    return actor


@transaction.atomic
def save_aliases(
    *, actor: Actor, changed: Iterable[ActorAlias], deleted: Iterable[ActorAlias] = ()
) -> None:
    """Store an editor's aliases of an actor, each with its normalised form for matching."""
    for alias in changed:
        alias.actor = actor
        alias.alias = alias.alias.strip()
        alias.normalized = normalize_alias(alias.alias)
        alias.save()
    for alias in deleted:
        if alias.pk is not None:
            alias.delete()
