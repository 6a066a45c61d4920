"""Actors and their aliases: the registry the extractor resolves against, creation and merging."""

from __future__ import annotations

import functools
import re
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import simplemma
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as StaffUser
from django.db import connection, transaction
from django.db.models import Q

from claims.extraction.kinds import word_classes
from claims.models import Actor, ActorAlias, Attribution
from claims.services.bulk import history_rows, insert_rows, reserve_ids, reserved

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
    return registry_rows()[0]


def registry_rows(
    *, actors_after: int = 0, aliases_after: int = 0
) -> tuple[list[dict[str, Any]], int, int]:
    """(`registry_entries`, how many actors, how many aliases they hold) for the rows after
    these primary keys: the actors added since, and older actors with only their aliases
    added since, for `ActorRegistry.extend`. Two queries."""
    aliases: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    alias_count = 0
    for actor_id, alias, language in ActorAlias.objects.filter(pk__gt=aliases_after).values_list(
        "actor_id", "alias", "language"
    ):
        alias_count += 1
        # An alias without a language is a name in every language the extractor reads.
        for lang in [language] if language else ["cs", "en"]:
            aliases[actor_id][lang].append(alias)
    actors = Actor.objects.all()
    if actors_after or aliases_after:
        actors = actors.filter(Q(pk__gt=actors_after) | Q(pk__in=list(aliases)))
    entries, actor_count = [], 0
    for pk, name, kind in actors.values_list("pk", "name", "kind").order_by("pk"):
        actor_count += pk > actors_after
        entries.append(
            {
                "name": name,
                "kind": kind,
                "aliases": {lang: sorted(values) for lang, values in aliases[pk].items()},
            }
        )
    return entries, actor_count, alias_count


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
    actor, _, _ = _get_or_create_actor(
        name=name,
        kind=kind,
        aliases=aliases,
        description=description,
        country=country,
        wikidata_id=wikidata_id,
        created_by_extractor=created_by_extractor,
    )
    return actor


def _get_or_create_actor(
    *,
    name: str,
    kind: str,
    aliases: Iterable[tuple[str, str]],
    description: str = "",
    country: str = "",
    wikidata_id: str = "",
    created_by_extractor: bool = False,
    duplicate_of: Actor | None = None,
) -> tuple[Actor, bool, list[ActorAlias]]:
    """(the actor, whether it was created, the aliases added); a new actor is flagged as a
    likely duplicate of `duplicate_of` in the same INSERT."""
    actor, created = Actor.objects.get_or_create(
        name=name,
        defaults={
            "kind": kind,
            "description": description,
            "country": country,
            "wikidata_id": wikidata_id,
            "created_by_extractor": created_by_extractor,
            "duplicate_of": duplicate_of,
        },
    )
    if not created and duplicate_of is not None and actor.duplicate_of_id is None:
        Actor.objects.filter(pk=actor.pk).update(duplicate_of=duplicate_of)
        actor.duplicate_of = duplicate_of
    existing = set(actor.aliases.values_list("alias", "language")) if not created else set()
    new_aliases = [
        ActorAlias(actor=actor, alias=alias, language=language, normalized=normalize_alias(alias))
        for alias, language in dict.fromkeys(aliases)
        if (alias, language) not in existing
    ]
    ActorAlias.objects.bulk_create(new_aliases)
    return actor, created, new_aliases


# The engine's kinds (DESIGN.md §4 `actor_kind`) as stored.
STORED_KIND = {
    "person": Actor.Kind.PERSON,
    "organisation": Actor.Kind.ORGANISATION,
    "state": Actor.Kind.GOVERNMENT,
    "media": Actor.Kind.MEDIA,
    "group": Actor.Kind.GROUP,
}
_SMALL = frozenset("of for and the in on at to de von van der la le v z ze na pro a".split())


def actor_key(name: str) -> str:
    """The form two names of one actor share: case and diacritics folded, dots dropped
    ("U.S." = "US"), titles and roles stripped ("President Joe Biden" = "Joe Biden")."""
    folded = unicodedata.normalize("NFKD", name.replace(".", ""))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"[\w'-]+", folded)
    plain = _plain_roles()
    kept = [w for w in words if w not in plain and w not in ("the",)]
    return " ".join(kept or words)


@functools.cache
def _plain_roles() -> frozenset[str]:
    # Folded once per process: folding the whole role lexicon on every call was 80% of the
    # time of storing an article (bench/ingest.py: 96 million iterations for 40 articles).
    roles = word_classes("en").role | word_classes("cs").role
    folded = {unicodedata.normalize("NFKD", r) for r in roles}
    return frozenset("".join(ch for ch in r if not unicodedata.combining(ch)) for r in folded)


def is_proper_name(name: str, *, kind: str = "", language: str = "") -> bool:
    """ "Maria Lindqvist", "Electoral Commission" name someone; "policie v Düsseldorfu",
    "people familiar with the talks" describe someone (no actor is made for those).

    Czech capitalises only the first word of a body's name ("Svaz průmyslu a dopravy ČR",
    "Česká národní banka"), so a Czech organisation of two words or more needs only that, unless
    its last word is inflected: "Ruské agentury" (plural) describes bodies, it names none."""
    words = name.split()
    if not words:
        return False
    if (
        language == "cs"
        and kind in (Actor.Kind.ORGANISATION, Actor.Kind.MEDIA)
        and len(words) > 1
        and words[0][:1].isupper()
    ):
        last = words[-1]
        return len(words) > 2 or not last.islower() or simplemma.lemmatize(last, lang="cs") == last
    return all(w[:1].isupper() or w.lower() in _SMALL for w in words)


# The actor tables' (count, highest id) for actors, then aliases: what an index or registry
# built from them has seen. One query; any insert or delete changes it, an edit in place does not.
Signature = tuple[int, int, int, int]
# An edit in place (a rename) is picked up within this many seconds.
INDEX_MAX_AGE = 60.0


# The signature's four columns, for a SELECT or a RETURNING clause.
SIGNATURE_COLUMNS = (
    f"(SELECT COUNT(*) FROM {Actor._meta.db_table}), "
    f"(SELECT COALESCE(MAX(id), 0) FROM {Actor._meta.db_table}), "
    f"(SELECT COUNT(*) FROM {ActorAlias._meta.db_table}), "
    f"(SELECT COALESCE(MAX(id), 0) FROM {ActorAlias._meta.db_table})"
)


def actor_tables_signature() -> Signature:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SIGNATURE_COLUMNS}")
        row = cursor.fetchone()
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]))


@dataclass
class ActorIndex:
    """Existing actors by their normalised names and aliases, for storing speakers.

    `signature` is the actor tables' signature as far as this index knows them (its own inserts
    included), so `refresh` can tell whether anyone else changed them since.
    """

    by_key: dict[str, Actor] = field(default_factory=dict)
    # People by the last word of their name's key: a bare or titled name is compared only with
    # those (every person, for every such speaker of every article, before).
    by_surname: dict[str, list[Actor]] = field(default_factory=dict)
    aliases: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    person_words: dict[int, list[str]] = field(default_factory=dict)
    actors: dict[int, Actor] = field(default_factory=dict)
    signature: Signature | None = (0, 0, 0, 0)
    loaded_at: float = field(default_factory=time.monotonic)

    @classmethod
    def load(cls) -> ActorIndex:
        """Two queries, whatever the number of actors and speakers."""
        index = cls()
        index._read(Actor.objects.all(), ActorAlias.objects.all())
        return index

    def refresh(self, signature: Signature | None = None) -> ActorIndex:
        """This index if the actor tables are as it knows them; with the rows others added since
        (two small queries) if only that changed; else (a delete, or older than INDEX_MAX_AGE,
        which catches renames) a fresh load. `signature`: the tables' signature if the caller
        has just read it in this transaction, else it is read here."""
        now = signature if signature is not None else actor_tables_signature()
        if now == self.signature and time.monotonic() - self.loaded_at < INDEX_MAX_AGE:
            return self
        if (
            self.signature is not None
            and time.monotonic() - self.loaded_at < INDEX_MAX_AGE
            and now[0] >= self.signature[0]
            and now[2] >= self.signature[2]
        ):
            self._read(
                Actor.objects.filter(pk__gt=self.signature[1]),
                ActorAlias.objects.filter(pk__gt=self.signature[3]),
            )
            if self.signature == now:
                return self
        return ActorIndex.load()

    def _read(self, actors: Any, aliases: Any) -> None:
        count, top, alias_count, alias_top = self.signature or (0, 0, 0, 0)
        for actor in actors:
            self.actors[actor.pk] = actor
            self.add(actor, actor.name)
            count, top = count + 1, max(top, actor.pk)
        rows = aliases.values_list("pk", "actor_id", "alias", "language")
        for pk, actor_id, alias, language in rows:
            alias_count, alias_top = alias_count + 1, max(alias_top, pk)
            actor = self.actors.get(actor_id)
            if actor is not None:
                self.add(actor, alias, primary=False)
                self.aliases.setdefault(actor_id, set()).add((alias, language))
        self.signature = (count, top, alias_count, alias_top)

    def created(self, actor: Actor | None = None, aliases: Iterable[ActorAlias] = ()) -> None:
        """Count rows this process inserted, so they do not look like someone else's."""
        if self.signature is None:
            return
        count, top, alias_count, alias_top = self.signature
        if actor is not None:
            self.actors[actor.pk] = actor
            count, top = count + 1, max(top, actor.pk)
        for alias in aliases:
            if alias.pk is None:  # a backend that returns no ids: reload next time
                self.signature = None
                return
            alias_count, alias_top = alias_count + 1, max(alias_top, alias.pk)
        self.signature = (count, top, alias_count, alias_top)

    def add(self, actor: Actor, name: str, primary: bool = True) -> None:
        key = actor_key(name)
        if key and (primary or key not in self.by_key):
            self.by_key.setdefault(key, actor)
        if primary and actor.kind == Actor.Kind.PERSON:
            words = self._words(actor)
            if words:
                self.by_surname.setdefault(words[-1], []).append(actor)

    def _words(self, person: Actor) -> list[str]:
        words = self.person_words.get(person.pk)
        if words is None:
            words = self.person_words[person.pk] = actor_key(person.name).split()
        return words

    def find(self, name: str, kind: str) -> tuple[Actor | None, Actor | None]:
        """(the actor this name is, a likely duplicate to flag) — at most one is set."""
        key = actor_key(name)
        found = self.by_key.get(key)
        if found is not None:
            return found, None
        if kind != Actor.Kind.PERSON:
            return None, None
        words = key.split()
        # "Lindqvist" beside "Maria Lindqvist": the same surname, one name lacking the first
        namesakes = self.by_surname.get(words[-1], []) if words else []
        same = [p for p in dict.fromkeys(namesakes) if _same_person(words, self._words(p))]
        if len(same) == 1 and (
            len(words) == 1
            or len(self._words(same[0])) == 1
            # "Dmitry Peskov" beside "Dmitrij Peskov": one first name, transliterated
            or _transliterated(words[0], self._words(same[0])[0])
        ):
            return same[0], None
        return None, (same[0] if same else None)


_local = threading.local()


def actor_index(*, signature: Signature | None = None) -> ActorIndex:
    """This thread's actor index, refreshed (`ActorIndex.refresh`, with the tables' `signature`
    if the caller has just read it) instead of rebuilt per article: loading every actor and
    alias cost more than storing the article's claims at a thousand actors, and grows with the
    table."""
    index = getattr(_local, "index", None)
    index = ActorIndex.load() if index is None else index.refresh(signature)
    _local.index = index
    return index


def current_actor_index() -> ActorIndex | None:
    """This thread's actor index as it stands, not refreshed (None before the first load)."""
    return getattr(_local, "index", None)


def forget_actor_index() -> None:
    """Drop this thread's index: after a rollback it may hold actors that were never stored."""
    _local.index = None


def _transliterated(a: str, b: str) -> bool:
    """Two spellings of one first name across languages ("dmitrij"/"dmitry",
    "olexandr"/"oleksandr"); short names that differ are other people ("john"/"joan")."""
    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.75


def _same_person(a: list[str], b: list[str]) -> bool:
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) == 1 or len(b) == 1 or a[0][:1] == b[0][:1]


class ReservedIds:
    """Primary keys reserved for one table's new rows (`bulk.reserve_ids`), handed out in order;
    should they run out, `more` are reserved (one more round trip)."""

    def __init__(
        self, model: type[Actor] | type[ActorAlias], ids: Iterable[int] = (), more: int = 4
    ):
        self.model, self.more = model, more
        self._ids = sorted(ids, reverse=True)

    def take(self) -> int:
        if not self._ids:
            self._ids = sorted(reserved(reserve_ids(self.model, self.more)), reverse=True)
        return self._ids.pop()


@dataclass
class NewSpeakerRows:
    """The actors and aliases storing an article's speakers adds, ids set: written by `insert`,
    inside the caller's round trip (issue 16: get_or_create took six round trips a new actor)."""

    actors: list[Actor] = field(default_factory=list)
    aliases: list[ActorAlias] = field(default_factory=list)

    def insert(self) -> None:
        insert_rows(Actor, self.actors)
        history = history_rows(Actor, self.actors)
        if history:
            insert_rows(type(history[0]), history)
        insert_rows(ActorAlias, self.aliases)


def resolve_speakers(
    *,
    index: ActorIndex,
    speakers: Iterable[tuple[str, str, list[str]]],
    language: str,
    actor_ids: ReservedIds,
    alias_ids: ReservedIds,
) -> tuple[list[Actor | None], NewSpeakerRows]:
    """The stored actor of each speaker the engine resolved — (canonical name, engine kind,
    surface forms) — and the rows to insert for them (`NewSpeakerRows.insert`). No query but
    id reservations that run out.

    - an existing actor whose name or alias has the same normalised key, or the one person
      a bare surname or a titled name can only be, is reused and learns the surface forms
    - otherwise ONE new actor is made with the canonical name, its kind and the surface
      forms as aliases; when it looks like an existing person it is flagged (`duplicate_of`)
    - descriptions ("people familiar with the talks") make no actor: None

    The index learns the new rows at once (a later speaker of the same article finds them);
    should the caller's transaction roll back, it must `forget_actor_index()`. A unique name or
    alias another worker inserted meanwhile raises IntegrityError at the insert: the caller
    retries with a fresh index.
    """
    new = NewSpeakerRows()
    found = [
        _resolve_speaker(index, name, kind, surfaces, language, new, actor_ids, alias_ids)
        for name, kind, surfaces in speakers
    ]
    return found, new


def _resolve_speaker(
    index: ActorIndex,
    name: str,
    kind: str,
    surfaces: Iterable[str],
    language: str,
    new: NewSpeakerRows,
    actor_ids: ReservedIds,
    alias_ids: ReservedIds,
) -> Actor | None:
    stored_kind = STORED_KIND.get(kind, Actor.Kind.PERSON)
    actor, duplicate = index.find(name, stored_kind)
    aliases = [(s.strip()[:200], language) for s in surfaces if s and s.strip()]
    if actor is not None:
        new.aliases += _new_aliases(index, actor, aliases, alias_ids)
        return actor
    if not makes_actor(name, stored_kind, language):
        return None
    actor = Actor(
        id=actor_ids.take(),
        name=name[:200],
        kind=stored_kind,
        created_by_extractor=True,
        duplicate_of=duplicate,
    )
    new.actors.append(actor)
    index.created(actor)
    index.add(actor, actor.name)
    new.aliases += _new_aliases(
        index, actor, [(actor.name, language), *aliases], alias_ids, with_name=True
    )
    return actor


def makes_actor(name: str, stored_kind: str, language: str) -> bool:
    """Whether a speaker no stored actor matches gets one: a proper name, not a group."""
    return stored_kind != Actor.Kind.GROUP and is_proper_name(
        name, kind=stored_kind, language=language
    )


def _new_aliases(
    index: ActorIndex,
    actor: Actor,
    aliases: list[tuple[str, str]],
    alias_ids: ReservedIds,
    *,
    with_name: bool = False,
) -> list[ActorAlias]:
    """The aliases of `aliases` the actor lacks, as rows to insert; the index learns them."""
    known = index.aliases.setdefault(actor.pk, set())
    rows = []
    for alias, lang in dict.fromkeys(aliases):
        if (alias, lang) in known or (alias == actor.name and not with_name):
            continue
        known.add((alias, lang))
        rows.append(
            ActorAlias(
                id=alias_ids.take(),
                actor=actor,
                alias=alias,
                language=lang,
                normalized=normalize_alias(alias),
            )
        )
        index.add(actor, alias, primary=False)
    index.created(aliases=rows)
    return rows


def speaker_actor(
    *, index: ActorIndex, name: str, kind: str, surfaces: Iterable[str], language: str
) -> Actor | None:
    """One speaker's stored actor (`resolve_speakers`), its new rows inserted at once."""
    with transaction.atomic():
        (actor,), new = resolve_speakers(
            index=index,
            speakers=[(name, kind, list(surfaces))],
            language=language,
            actor_ids=ReservedIds(Actor, more=1),
            alias_ids=ReservedIds(ActorAlias),
        )
        new.insert()
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
        Actor.objects.filter(duplicate_of=other).exclude(pk=keep.pk).update(duplicate_of=keep)
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
    if keep.duplicate_of_id is not None:
        Actor.objects.filter(pk=keep.pk).update(duplicate_of=None)
        keep.duplicate_of = None
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
