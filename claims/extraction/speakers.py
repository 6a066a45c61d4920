"""Document-level speaker stage: one identity per speaker through the whole article.

Mentions of a speaker are chained: the full name introduced once, then the surname, its
inflected forms ("Vávry", "Vávrou" meet "Vávra" on the stem the registry uses), a role
("ministryně", "the president"), a pronoun or a Czech dropped subject (the nearest earlier
entity that agrees in gender and number). A chain's canonical name is its fullest name in base
form, without titles: the nominative form the text gives, else the lemmas.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise

import simplemma

from .discourse import Agreement, Facts, NameForm, common_word, first_name_before
from .inflect import czech_nominative_plural
from .kinds import DETERMINERS, phrase_kind, role_stem, word_classes
from .lexicon import load_lexicon
from .registry import OUTPUT_KIND, Actor, ActorRegistry, Match, MentionWord, normalise_word
from .results import Attribution, Span
from .segment import DATELINE
from .sources import Mention

ANTECEDENT_WINDOW = 1500  # characters back in which a pronoun or a dropped subject looks
SPOKESPERSON_WINDOW = 400  # how far back a bare "a spokesman" looks for the body that spoke
TOPIC_WINDOW = 400  # how far before an object a subject still beats it as the antecedent
RELATIVE_WINDOW = 120  # characters back in which a relative pronoun finds its name
_THINGS = frozenset(["organisation", "media", "state"])


@dataclass
class Entity:
    name: str
    kind: str
    registry: bool = False
    role: str = ""
    roles: set[str] = field(default_factory=set)  # role lemmas, for "ministryně" → Dostálová
    gender: str = ""
    plural: bool = False
    spoke: bool = False
    forms: list[NameForm] = field(default_factory=list)
    named: bool = False  # a body the article names ("Environment Agency"), not "the ministry"
    described: bool = False  # named with a person's description ("Olena, a 64-year-old")

    @property
    def honoured(self) -> bool:
        """Named with a title only people bear ("Mr. Kamin", "paní Nováková")."""
        return bool({r.rstrip(".") for r in self.roles} & _HONORIFICS)

    def settle_kind(self, state: bool) -> None:
        """A single capitalised word never given with a first name is a body, not a person
        ("Hamas", "Israel"); a state when the lexicon lists it."""
        if self.registry or self.kind != "person" or not self.forms:
            return
        if self.honoured or self.described:
            return  # "Mr. Kamin", "paní Nováková", "Olena, a 64-year-old resident": a person
        if all(len(f.words) == 1 for f in self.forms):
            self.kind = "state" if state else "organisation"

    def canonical(self, lang: str) -> str:
        if self.registry or not self.forms:
            return self.name
        longest = max(len(f.words) for f in self.forms)
        full = [f for f in self.forms if len(f.words) == longest]
        nominative = [
            f
            for f in full
            if f.parsed and (lang != "cs" or all(w.case in ("Nom", "") for w in f.words))
        ]
        if nominative:
            return _surface(nominative[0])
        # "Jana Malá", "Lukáš Kovanda": the tagger reads one word of a nominative name as a
        # genitive ("Jan", "Kovand"); one nominative word vouches for the name as written
        named = [f for f in full if f.parsed and any(w.case == "Nom" for w in f.words)]
        if named:
            return _surface(named[0])
        parsed = [f for f in full if f.parsed]
        if parsed:
            words = [_capitalised(w.lemma, w.text) for w in parsed[0].words]
            if lang == "cs" and len(words) > 1 and words[-1].endswith("á"):
                # "mluvčí Hany Nové": the tagger leaves a woman's first name inflected
                words[0] = _feminine_first_name(words[0])
            if lang == "cs" and len(words) > 1:
                last = self._nominative_surname(words[-1])
                if last != words[-1]:
                    # "starostu Jaroslava Vondráčka … Vondráček tvrdí": the surname shows the
                    # form is oblique; the first name takes its nominative too
                    words[:-1] = [_czech_given_name(w) for w in words[:-1]]
                words[-1] = last
            return " ".join(words)
        surface = _surface(full[0])
        words = surface.split(" ")
        if lang == "cs" and len(words) > 1:
            # "Janu Horákovi" read from an unparsed sentence, "Horák" elsewhere: the surname
            # shows the form is oblique; the first name takes its lemma
            last = self._nominative_surname(words[-1])
            if last != words[-1]:
                first = [_czech_given_name(w) for w in words[:-1]]
                return " ".join([*first, last])
        return surface

    def _nominative_surname(self, surname: str) -> str:
        """ "podle Mojmíra Hampla … Sám Hampl varoval": a surname the tagger could not lemmatise
        takes its nominative from where the article gives it alone as a subject."""
        for f in self.forms:
            if len(f.words) != 1 or not f.parsed or f.words[0].case != "Nom":
                continue
            alone = f.words[0].text
            if surname.startswith(alone) and surname[len(alone) :] in _MASCULINE_CASE_ENDINGS:
                return alone
            # "Vondráček" → "Vondráčka", "Němec" → "Němce": the e before the last consonant
            # drops in the other cases
            stem = alone[:-2] + alone[-1] if alone[-2:-1] == "e" else ""
            if (
                stem
                and surname.startswith(stem)
                and surname[len(stem) :] in _MASCULINE_CASE_ENDINGS
            ):
                return alone
        return surname


# The first of two names coordinated with the second: "Petr Novák a ", "King and ".
_COORDINATED = re.compile(r"[^\s,.;]+(?:\s+[^\s,.;]+){0,3}\s+(?:and|a|i|&)\s+$")

# What a Czech masculine surname adds in the other cases: "Hampla", "Horákovi", "Horákem".
_MASCULINE_CASE_ENDINGS = frozenset(["a", "u", "ovi", "em", "e", "i"])


def _czech_given_name(word: str) -> str:
    """A Czech first name in the nominative, from simplemma or by a case ending it knows
    the rest of ("Pavlovi" → "Pavel", "Janu" → "Jan"); as written when neither tells."""
    lemma = str(simplemma.lemmatize(word, lang="cs"))
    if lemma != word:
        return _capitalised(lemma, word)
    for ending in ("ovi", "em", "u", "i"):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) > 2 and simplemma.is_known(stem, lang="cs"):
            return stem
    return word


def _feminine_first_name(name: str) -> str:
    """A Czech woman's first name in the nominative from its genitive or instrumental
    ("Hany", "Hanou" → "Hana"; "Petry" → "Petra"); other forms stay as they are."""
    if name.endswith("ou") and len(name) > 3:
        return name[:-2] + "a"
    if name.endswith("y") and len(name) > 2:
        return name[:-1] + "a"
    return name


def _capitalised(lemma: str, text: str) -> str:
    if not lemma:
        return text
    return lemma[:1].upper() + lemma[1:] if text[:1].isupper() else lemma


# Titles only people bear: a single name after one is a person's ("Mr. Kamin").
_HONORIFICS = frozenset("mr mrs ms miss dr sir lady pan paní slečna".split())
# A possessive pronoun before a role names whose role it is: "jeho mluvčí" is not the
# spokeswoman of the police named before, but of the body just spoken of.
_OWNER_PRONOUNS = frozenset("jeho její jejich his her its their".split())
# The Czech reflexive possessive points back at the clause's subject: "Národní rozpočtová rada
# podle svého předsedy" is the chairman, not "svého předseda".
_REFLEXIVE_POSSESSIVES = frozenset(
    "svůj svého svému svém svým své svou svá svoji svojí svých svými".split()
)
# The Czech intensifier "himself" before a speaker: "Sám hráč tvrdí", "Samotná firma uvedla".
_SELF = frozenset("sám sama samo sami samy samotný samotná samotné samotní".split())
# A possessive inside a name: "the European Automobile Manufacturers' Association", "the
# People's Party".
_POSSESSIVE = frozenset(["'", "’", "'s", "’s"])


def _inner_possessive(words: Sequence[MentionWord], i: int, lang: str) -> bool:
    """A possessive that belongs to a name: the plural "Manufacturers'" always, "'s" after a
    common word ("People's Bank"), never after a name ("the BBC's Lee": Lee, via the BBC)."""
    if words[i].text in ("'", "’"):
        return True
    if words[i].text not in ("'s", "’s") or i == 0:
        return False
    owner = words[i - 1].text.lower()
    return simplemma.is_known(owner, lang)


def _surface(form: NameForm) -> str:
    out = ""
    for w in form.words:
        glued = not out or out.endswith("-") or w.text.startswith("-") or w.text in _POSSESSIVE
        out += w.text if glued else " " + w.text
    return out


class _Timeline:
    """Entities in text order; lookups by position are logarithmic (a 5 MB text has ~10⁵
    names)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[_Seen] = []

    def add(self, seen: _Seen) -> None:
        i = bisect_right(self.starts, seen.start)
        self.starts.insert(i, seen.start)
        self.items.insert(i, seen)

    def before(self, position: int, window: int) -> Iterator[_Seen]:
        """Entries starting before position, nearest first, at most window characters back."""
        for i in range(bisect_left(self.starts, position) - 1, -1, -1):
            if position - self.starts[i] > window:
                return
            yield self.items[i]

    def between(self, start: int, end: int) -> list[_Seen]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


@dataclass(frozen=True)
class Speaker:
    actor: str | None
    kind: str | None
    role: str = ""
    via: str | None = None


@dataclass
class _Seen:
    start: int
    entity: Entity
    salient: bool = True  # a speaker, or a name a pronoun may point back to
    covered: bool = False  # inside a speaker's phrase: never an antecedent
    oblique: bool = False  # a Czech name in an oblique case: an object, not the topic
    speaker: bool = False  # the phrase of a speaker, not a name read from the text
    topic: bool = False  # the name (after its titles) opens its sentence: its subject
    # a person who spoke for the entity without a name ("A spokesman said"): "he" is that
    # person, so the entity again
    voice: bool = False


class Speakers:
    """Resolves the sources of one article, in text order."""

    def __init__(
        self,
        text: str,
        lang: str,
        registry: ActorRegistry,
        facts: Facts | None,
        inside_quote: Callable[[int], bool],
    ) -> None:
        self.text = text
        self.lang = lang
        self.registry = registry
        self.facts = facts or Facts(lang)
        self.classes = word_classes(lang)
        self._registry_entities: dict[str, Entity] = {}
        self._people: list[Entity] = []
        # Indexes keep a 5 MB text linear: people by surname and by first-name stem.
        self._by_surname: dict[str, list[Entity]] = {}
        self._by_first: dict[str, list[Entity]] = {}
        self._others: dict[str, Entity] = {}
        self._via: str | None = None
        self.seen = _Timeline()
        self._fixed = _punctuated_names(text, registry)
        for form in self.facts.all_names(text, inside_quote):
            fixed = self._fixed_at(form.span)
            entity = (
                self._registry_entity(fixed)
                if fixed is not None
                else self._name_entity(list(form.words), form)
            )
            if entity is not None:
                self.seen.add(
                    _Seen(
                        form.span[0],
                        entity,
                        _salient(form, lang) and not _bracketed(text, form.span),
                        oblique=_oblique(form, lang),
                        topic=_opens_clause(text, form.span[0]),
                    )
                )
                entity.roles.update(form.role)
        self._surnames_as_words()

    def _surnames_as_words(self) -> None:
        """A surname the parser reads as a common word is that person where a person
        introduced in full bears it: "Kevin King … King and Weeks were abducted" (English: a
        role word is never read as a name on its own), "Martin Kalina … Kalina jeho slova
        odmítl" (Czech: any surname in the form it was introduced in; the parser read
        "kalina", the shrub). Not where a name was read, and not before another name ("King
        Charles")."""
        bearers: dict[str, list[Entity]] = {}
        for key, people in list(self._by_surname.items()):
            introduced = [p for p in people if p.kind == "person" and _introduced(p)]
            if len(introduced) != 1:
                continue
            person = introduced[0]
            if self.lang == "en":
                words = {key[:1].upper() + key[1:]} if self.classes.is_role(key) else set()
            else:
                # "Jiřího Pokorného … Pokorný vinu odmítá": the nominative too
                words = {f.words[-1].text for f in person.forms if len(f.words) > 1}
                words.add(person.canonical(self.lang).split()[-1])
            for word in words:
                bearers.setdefault(word, []).append(person)
        if not bearers:
            return
        # one pass over the text for every surname: a long article names thousands of people
        alternatives = "|".join(map(re.escape, sorted(bearers, key=len, reverse=True)))
        for m in re.finditer(rf"(?<![\w-])(?:{alternatives})(?![\w-])", self.text):
            after = self.text[m.end() : m.end() + 2]
            if after[:1].isspace() and after[1:].isupper():
                continue
            near = self.seen.between(m.start() - 40, m.end())
            for person in bearers[m.group()]:
                if not any(s.entity is person for s in near):
                    topic = _opens_clause(self.text, m.start())
                    self.seen.add(_Seen(m.start(), person, topic=topic))

    def _fixed_at(self, span: Span) -> Actor | None:
        """The registry actor whose punctuated name ("Re: Russia") overlaps the span."""
        for start, end, actor in self._fixed:
            if start < span[1] and span[0] < end:
                return actor
        return None

    # -- entities ------------------------------------------------------------------------------
    def _registry_entity(self, actor: Actor) -> Entity:
        entity = self._registry_entities.get(actor.name)
        if entity is None:
            kind = OUTPUT_KIND.get(actor.kind, "person")
            entity = Entity(actor.name, kind, registry=True, plural=kind == "group")
            self._registry_entities[actor.name] = entity
        return entity

    def _name_entity(self, words: list[MentionWord], form: NameForm | None) -> Entity | None:
        """The entity a proper name stands for: the registry's, an organisation, or a person
        chained by surname."""
        match = self.registry.match(words, self.lang)
        if match is not None and match.start == 0 and match.end == len(words):
            return self._registry_entity(match.actor)
        if len(words) == 1 and words[0].text.isupper() and len(words[0].text) > 1:
            spelled = self._acronym(words[0].text)
            if spelled is not None:
                return spelled
        kind = phrase_kind(words, self.lang)
        if kind in ("media", "organisation") or len(words) > 4:
            return self._body(words, kind)
        if self._firm_name(words, form.role if form is not None else ()):
            # "Thames Water", "Bain Capital": a first word and a capitalised one, but the last
            # is a business's word (a sector, "Corp", "Ltd"), not a surname
            return self._body(words, "organisation")
        words = person_name(words, self.lang)
        if form is not None:
            form = NameForm(form.span, tuple(words), form.role, form.parsed, form.place)
        surname = _keys(words[-1], self.lang)
        # "De Vries" opening a sentence is a surname alone, not a first name "De"
        given = [w for w in words[:-1] if not _particle(w, initial=True)]
        first = normalise_word(given[0].text, self.lang) if given else ""
        near = {id(p): p for k in surname for p in self._by_surname.get(k, [])}
        candidates = [p for p in near.values() if _first_ok(p, first)]
        if not candidates and len(words) == 1:
            # "Li" after "Li Jifeng": a name whose family name comes first
            candidates = [p for k in surname for p in self._by_first.get(k, [])][:1]
        if len(words) == 1 and len({id(p) for p in candidates}) > 1:
            # a bare surname two people share: the one mentioned last
            candidates = [self._last_of(candidates)]
        if candidates:
            entity = candidates[0]
        else:
            entity = Entity(_join(words), "person")
            self._people.append(entity)
        if len(words) > 1 and entity.kind != "person":
            entity.kind = "person"  # a full name turned up: "Biden" … "Joe Biden"
        if form is None:
            form = NameForm((0, 0), tuple(words))
        entity.forms.append(form)
        for key in _keys(words[-1], self.lang):
            people = self._by_surname.setdefault(key, [])
            if entity not in people:
                people.append(entity)
        if len(words) == 2 and given:
            for key in _keys(words[0], self.lang):
                firsts = self._by_first.setdefault(key, [])
                if entity not in firsts:
                    firsts.append(entity)
        entity.gender = entity.gender or _gender_of(words)
        return entity

    def _body(self, words: Sequence[MentionWord], kind: str) -> Entity:
        """One entity per organisation of the article, named in the nominative: "podle
        Energetického regulačního úřadu" and "Energetický regulační úřad" are one body."""
        name = _czech_nominative(words) if self.lang == "cs" else _join(words)
        entity = self._others.setdefault(name.casefold(), Entity(name, kind))
        entity.named = True
        if not entity.gender:
            # "Spotřebitelská organizace dTest … podle ní": a Czech body agrees by the gender
            # of its common noun ("organizace"), not of its name
            noun = next((w for w in words if w.pos == "NOUN"), None)
            entity.gender = noun.gender if noun is not None else ""
        return entity

    def _acronym(self, letters: str) -> Entity | None:
        """ "CDC" after "the Chinese Center for Disease Control and Prevention": an acronym is
        the body named earlier whose capitalised words spell it in order."""
        for entity in list(self._others.values())[-200:]:
            initials = "".join(w[0] for w in entity.name.split() if w[:1].isupper())
            if len(initials) < len(letters) or initials[0] not in letters[:2]:
                continue
            it = iter(initials)
            if all(ch in it for ch in letters):
                return entity
        return None

    def _last_of(self, candidates: list[Entity]) -> Entity:
        """Of the people a bare surname may be, the one who spoke, else the one named last."""
        speakers = [c for c in candidates if c.spoke]
        if len(speakers) == 1:
            return speakers[0]
        ids = {id(c) for c in candidates}
        for seen in islice(self.seen.before(len(self.text) + 1, len(self.text) + 1), 2000):
            if id(seen.entity) in ids:
                return seen.entity
        return candidates[-1]

    # -- resolution ----------------------------------------------------------------------------
    def resolve(
        self,
        mention: Mention | None,
        variant: Sequence[MentionWord],
        agreement: Agreement | None,
        position: int,
    ) -> Speaker:
        if mention is None and agreement is not None and agreement.impersonal:
            return Speaker(None, None)
        if (
            mention is not None
            and len(variant) == 1
            and variant[0].text.islower()
            and self.classes.is_relative(variant[0])
        ):
            # "agentura Reuters, podle níž …": the name the relative clause hangs on
            return self._speaker(self._relative_antecedent(position), "")
        if mention is None or mention.pronoun:
            entity = self._antecedent(agreement or Agreement(), position, mention)
            return self._speaker(entity, "")
        words = list(variant)
        self._via = None
        named = [w for w in words if w.proper or w.head]
        if named and all(self.classes.of(w) == "time" for w in named):
            return Speaker(None, None)  # "announced in October": a date speaks for no one
        fixed = self._fixed_at(mention.span)
        if fixed is not None:
            entity, role = self._registry_entity(fixed), ""
            # the speaker's span runs over the whole name, not to the colon ("think tanku Re")
            start, end = next(
                (s, e)
                for s, e, a in self._fixed
                if a is fixed and s < mention.span[1] and mention.span[0] < e
            )
            mention.span = (min(start, mention.span[0]), max(end, mention.span[1]))
        else:
            entity, role = self._phrase_entity(words, mention)
        honorific = role.rstrip(".").lower() in _HONORIFICS
        if (
            entity is not None
            and (not role or honorific)
            and mention.role_after
            and entity.kind == "person"
        ):
            role = mention.role_after  # "Luis Planas, the agriculture minister"
            entity.role = entity.role or role
        if entity is not None:
            entity.spoke = True
            entity.described = entity.described or (mention.person and entity.kind == "person")
            for seen in self.seen.between(mention.span[0], mention.span[1]):
                # "The US military … It said": a name inside a speaker's phrase only qualifies it
                if seen.entity is not entity:
                    seen.salient = False
                    seen.covered = True
            voice = entity.kind != "person" and bool(role) and not honorific
            self.seen.add(_Seen(mention.span[0], entity, speaker=True, voice=voice))
        return self._speaker(entity, role, self._via)

    def pair(self, mention: Mention) -> list[Speaker]:
        """ "King and Weeks were abducted… Both men claimed that…", "Oba muži tvrdili": a pair
        named as such ("both", "the two", "oba", "obě", alone or before a word for people)
        is the last two people named before it, each a party to the claim."""
        if len(mention.variants) != 1:
            return []
        words = [w for w in mention.variants[0] if w.text.lower() != "the"]
        lex = load_lexicon(self.lang)
        if not words or words[0].text.lower() not in lex.word_set("pair"):
            return []
        rest = words[1:]
        if len(rest) > 1 or (
            rest
            and rest[0].lemma.lower() not in lex.word_set("pair_people")
            and not self.classes.is_role(rest[0])
        ):
            return []
        named: list[_Seen] = [
            seen
            for seen in self.seen.before(mention.span[0], ANTECEDENT_WINDOW)
            # named in full somewhere: "August" is no one
            if seen.entity.kind == "person" and _introduced(seen.entity) and not seen.covered
        ]
        # the two named together among the last few names: "King and Weeks", "Petr Novák a
        # Jan Horák"
        people = next(
            (
                [later.entity, earlier.entity]
                for later, earlier in pairwise(named[:4])
                if later.entity is not earlier.entity
                and _COORDINATED.match(self.text[earlier.start : later.start])
            ),
            [],
        )
        if not people:
            return []
        found = []
        for person in reversed(people):
            person.spoke = True
            found.append(self._speaker(person, ""))
        return found

    def headline_holder(self, attribution: Attribution) -> Attribution:
        """ "Ministr financí: Rozpočet skončí přebytkem" ⏎ … "řekl ministr financí Zbyněk
        Stanjura": a headline led by a role speaks for the one person the article names with
        that role (read once the whole article has been resolved)."""
        label = attribution.actor_text
        words = label.split()
        # the label alone, or the word after the role read as a name ("Trenér Sparty" → Sparty)
        if (
            attribution.cue != ":"
            or not words
            or attribution.actor not in (None, *words[1:], label)
        ):
            return attribution
        if not self.classes.is_role(words[0].lower()):
            return attribution
        stems = [role_stem(w) for w in words]
        holders = []
        for person in self._people:
            said = {role_stem(w) for w in (person.role or "").split()} | person.roles
            if all(any(w.startswith(s) for w in said) for s in stems):
                holders.append(person)
        if len(holders) != 1:
            return attribution
        person = holders[0]
        return replace(
            attribution, actor=person.canonical(self.lang), actor_kind="person", role=label
        )

    def _speaker(self, entity: Entity | None, role: str, via: str | None = None) -> Speaker:
        if entity is None:
            return Speaker(None, None, role, via)
        entity.settle_kind(any(self.classes.of(f.words[0]) == "state" for f in entity.forms))
        name = entity.canonical(self.lang)
        if entity.kind == "state" and not entity.registry and entity.forms:
            # "Izrael", "Izraele": the name the registry uses for states ("Israel")
            names = (self.classes.canonical_name(f.words[0]) for f in entity.forms)
            name = next((n for n in names if n), name)
        return Speaker(name, entity.kind, role or entity.role, via)

    def _holder_named(self, words: Sequence[MentionWord], head_at: int) -> bool:
        """ "hejtmanka Petra Pecková", "primátor Prahy Bohuslav Svoboda": the office holder's
        own name (two words, in the nominative or in the head's own case: "podle primátora
        Miroslava Žbánka"; no name the registry knows) follows the head."""
        run = _name_run(words, self.classes.is_role, self.lang)
        if run is None or run[0] <= head_at or words[run[0] - 1].text.lower() in _OFFICE_PLACE:
            return False  # "the mayor of New York": the office's place
        name = person_name(words[run[0] : run[1]], self.lang)
        return (
            len(name) >= 2
            and all(w.case in ("Nom", "", words[head_at].case) for w in name)
            and self.registry.match(list(name), self.lang) is None
        )

    def _phrase_entity(
        self, words: list[MentionWord], mention: Mention
    ) -> tuple[Entity | None, str]:
        head_at = next((i for i, w in enumerate(words) if w.head), None)
        if (
            head_at is not None
            and words[head_at].lemma.lower() in load_lexicon(self.lang).word_set("local_office")
            and not self._holder_named(words, head_at)
        ):
            # "The mayor of London said": the holder of a local office, not the country a
            # capital's name stands for elsewhere ("London said" is the government); the
            # office alone ("Hejtmanka to odmítá") is the one named with it before
            alone = all(w.text.lower() in DETERMINERS for i, w in enumerate(words) if i != head_at)
            holder = self._by_role(words[head_at], words, mention.span[0]) if alone else None
            return holder or self._description(words, mention, "person"), ""
        ministry = self._ministry_named_before(words, mention.span[0])
        if ministry is not None:
            return ministry, ""
        named = self.registry.match(words, self.lang)
        if (
            head_at is not None
            and self.classes.of(words[head_at]) == "report"
            and not (named is not None and named.start <= head_at < named.end)
        ):
            # "podle informací několika senátorů": the senators; "the statement said": the body
            # that issued it, the speaker just before
            rest = words[head_at + 1 :]
            owner = next((k for k, w in enumerate(rest) if w.pos in ("NOUN", "PROPN")), None)
            possessor = next(
                (k for k in range(head_at - 1, 0, -1) if words[k].text in _POSSESSIVE), None
            )
            if owner is None and possessor is not None:
                # "the council's website": the owner before its possessive
                rest, owner = words[:possessor], possessor - 1
            if owner is None:
                return self._issuer(mention.span[0]), ""
            words = [replace(w, head=k == owner) for k, w in enumerate(rest)]
        match = self.registry.match(words, self.lang)
        if match is not None and match.actor.kind == "anonymous" and _qualified(words, match):
            match = None  # "an insurgent source", "a local police source": say which one
        if match is not None and self._accept(match.start, match.end, words):
            role = _role_text(words[: match.start]) if match.start else ""
            if not role and match.actor.kind == "person":
                # the alias holds the title ("předseda Soudcovské unie Libor Vávra", kept from
                # an earlier article): the words before the name are still the role
                run = _name_run(words, self.classes.is_role, self.lang)
                before = words[: run[0]] if run else []
                if any(self.classes.is_role(w) or w.pos == "NOUN" for w in before):
                    role = _role_text(before)
            entity = self._registry_entity(match.actor)
            if role and not entity.role:
                entity.role = role
            return entity, role
        body = self._body_named_before(
            words, next((w for w in words if w.head), None), mention.span[0]
        )
        if body is not None:
            # "Volkswagen announced …. The company said": the body just named
            return body, ""
        spokes = self._company_role(words, mention.span[0])
        if spokes is not None:
            return spokes
        if (
            len(words) > 1
            and self._outlet(words[0], 0, self.lang == "en" and self.classes.is_role(words[1]))
            and any(w.proper for w in words[1:])
        ):
            # "řekl ČTK ekonom Lukáš Kovanda": the economist speaks, ČTK relays
            self._via = words[0].text
            words = [replace(w, head=w.head and k > 0) for k, w in enumerate(words)][1:]
        if self.lang == "cs" and _czech_named_body(words, self.classes.of):
            # "deníku Právo", "serveru iRozhlas.cz", "agentury Median": a medium or body
            # noun in any case, then its name, which stays in the nominative
            kind = self.classes.of(words[0])
            name = [replace(w, lemma=w.text, case="Nom") for w in words[1:]]  # as written
            return self._body(name, "media" if kind == "media" else "organisation"), ""
        if self.lang == "cs" and len(words) > 1 and not words[0].proper:
            end = _czech_name_at(words, 1)
            if end is not None and not any(w.proper for w in words[end:]):
                # "Ekonomové České spořitelny", "analytici Komerční banky": people of a body
                # written with a capital adjective; the body speaks, the noun is their role
                return self._body(words[1:end], "organisation"), _role_text(words[:1])
        run = _name_run(words, self.classes.is_role, self.lang)
        if run is None and len(words) == 1 and words[0].text[:1].isupper():
            # "Sobotka uvedl": a surname the tagger took for the common noun "sobotka"
            keys = _keys(words[0], self.lang)
            if any(_surname(p, self.lang) & keys for p in self._people if _introduced(p)):
                run = (0, 1)
        kind = phrase_kind(words, self.lang)
        if self.lang == "cs" and _czech_body_name(
            words, self.classes.is_role, lambda w: self.classes.of(w) == "organisation"
        ):
            # "podle Energetického regulačního úřadu", "Národního muzea": the body's name, in
            # the nominative; a person's name has no lower-case noun
            return self._body(words, kind if kind == "media" else "organisation"), ""
        if run is not None:
            return self._named(words, run, mention)
        head = next((w for w in words if w.head), words[-1] if words else None)
        owned = any(w.text.lower() in _OWNER_PRONOUNS for w in words)
        if head is not None and self.classes.is_role(head) and not head.plural and not owned:
            # "jeho mluvčí", "her spokesman": someone's spokesman, not the one named before
            holder = self._by_role(head, words, mention.span[0])
            if holder is not None:
                return holder, _role_text(words)
        return self._description(words, mention, kind), ""

    def _named(
        self, words: list[MentionWord], run: tuple[int, int], mention: Mention
    ) -> tuple[Entity | None, str]:
        start, end = run
        kind = phrase_kind(words, self.lang)
        head = next((i for i, w in enumerate(words) if w.head), len(words) - 1)
        run_kind = phrase_kind(words[start:end], self.lang)
        bodies = ("media", "organisation")
        if kind in bodies and run_kind not in bodies and start <= head < end:
            keys = _keys(words[start], self.lang)
            if not any(_surname(p, self.lang) & keys for p in self._people if _introduced(p)):
                end = _body_name_end(words, start, end, self.lang)
            run_kind = phrase_kind(words[start:end], self.lang)
        if (
            kind in bodies
            and run_kind not in bodies
            and not (start == head + 1 or self.classes.of(words[head]) in bodies)
            # "the union IG Metall": the body's noun right before its name
            and not (
                start > 0 and words[start - 1].head and self.classes.of(words[start - 1]) in bodies
            )
        ):
            kind = "person"  # "ČTK ekonom Lukáš Kovanda": the outlet is not the speaker
        if self._group_of(words, start, end):
            # "kritikové Fica": a group of people the name only qualifies
            return self._description(words, mention, "group"), ""
        if (
            not words[head].proper
            and (
                end <= head
                # judged on the person's name, not the body before it: "trenér Sparty Lars
                # Friis", where the foreign name has no case the tagger knows
                or (
                    self.lang == "cs"
                    and _case_clash(words[head], person_name(words[start:end], self.lang))
                )
            )
        ):
            # "a Taliban representative", "Beijing officials", "starostka Brna": the name
            # only qualifies the noun (a Czech apposition agrees in case with it)
            return self._description(words, mention, kind), ""
        prep_at = start - 1
        while prep_at > 0 and words[prep_at].text.lower() in DETERMINERS:
            prep_at -= 1
        if (
            not words[head].proper
            and head < prep_at
            and words[prep_at].text.lower() in _PLACE_PREPS
            and any(w.pos == "VERB" for w in words[head + 1 : prep_at])
        ):
            # "court documents unsealed in federal court in Virginia", "a study published in
            # the BMJ": where the act took place, not who speaks
            return self._description(words, mention, kind), ""
        if (
            not words[head].proper
            and head < start
            and end < len(words)
            and words[end].text in _POSSESSIVE
            and words[start - 1].text.lower() in _MEMBER_PREPS
        ):
            # "A senior official in Dolan's own party": the name owns the body the speaker
            # belongs to; the speaker is someone else
            return self._description(words, mention, "person"), ""
        spoken_for = self._spoken_for(words, start, end)
        if spoken_for is not None:
            # "A spokesperson for the Chamber of Commerce": the body speaks through its
            # spokesperson, who is the role
            body_end, role_end = spoken_for
            body_name = _join(words[start:body_end])
            body = self._others.setdefault(body_name.casefold(), Entity(body_name, "organisation"))
            return body, _role_text(words[:role_end])
        if kind in ("media", "organisation"):
            if start <= head < end or start == head + 1:
                # "the Electoral Commission", "agentura Reuters": the body's own name
                cut = next((i for i in range(start, len(words)) if words[i].text == ","), None)
                names = words[start : cut or len(words)] if start <= head else words[start:end]
                if len(names) == 1 and names[0].text.isupper():
                    spelled = self._acronym(names[0].text)
                    if spelled is not None:
                        return spelled, ""
                return self._body(names, kind), ""
            return self._description(words, mention, kind), ""
        if _employer(words, start, end):
            # "Economists at ING", "analysts from Goldman Sachs": the body speaks through its
            # staff, who are the role
            body = self._others.setdefault(
                _join(words[start:end]).casefold(), Entity(_join(words[start:end]), "organisation")
            )
            return body, _role_text(words[: start - 1])
        if (
            kind == "person"
            and start <= head < end
            and self._firm_name(words[start:end], [w.text for w in words[:start]])
        ):
            # "Southern Coastal Water said": a business's name, whole; a person's name keeps
            # at most a first name and a surname ("Coastal Water")
            return self._body(words[start:end], "organisation"), ""
        name = person_name(words[start:end], self.lang)
        start = end - len(name)
        before = words[:start]
        relay = next(
            (
                k
                for k, w in enumerate(before)
                if self._outlet(
                    w,
                    k,
                    self.lang == "en"
                    and k + 1 < len(before)
                    and self.classes.is_role(before[k + 1]),
                )
            ),
            None,
        )
        if relay is not None:
            # "řekl ČTK ekonom Lukáš Kovanda": the economist speaks, ČTK relays
            self._via = before[relay].text
            before = before[relay + 1 :]
        # "the Afghan Taliban": a nationality alone is no role
        titled = any(self.classes.is_role(w) or w.pos == "NOUN" for w in before)
        role = _role_text(before) if titled else ""
        person = self._name_entity(name, None)
        if person is not None and role:
            person.role = person.role or role
            person.roles.update(w.lemma.lower() for w in words[:start])
        return person, role

    def _spoken_for(
        self, words: Sequence[MentionWord], start: int, end: int
    ) -> tuple[int, int] | None:
        """ "A spokesperson for the Chamber of Commerce", "a spokeswoman at the Bank of
        England": a singular role, "for"/"at"/"from", and a body's name closing the phrase.
        (where the body's name ends, where the role ends), or None."""
        if self.lang != "en":
            return None
        k = start - 1
        while k >= 0 and words[k].text.lower() in DETERMINERS:
            k -= 1
        if k < 1 or words[k].text.lower() not in _SPOKEN_FOR_PREPS:
            return None
        if not self.classes.is_role(words[k - 1]) or any(w.proper for w in words[:k]):
            return None
        body_end = _body_name_end(words, start, end, self.lang)
        if body_end != len(words):
            return None
        if phrase_kind(list(words[start:body_end]), self.lang) not in ("media", "organisation"):
            return None
        return body_end, k

    def _group_of(self, words: Sequence[MentionWord], start: int, end: int) -> bool:
        """ "kritikové Fica", "odpůrci Babiše": a plural noun that is no title, heading the
        phrase just before one person's name, speaks for a group the name only qualifies
        ("Ministryně financí Alena Schillerová" is the minister: the plural is no head); so
        does a group noun of the lexicon heading the phrase ("Residents of Felixstowe")."""
        head = next((i for i, w in enumerate(words) if w.head), None)
        if head is not None and head < start and self.classes.of(words[head]) == "group":
            return True  # "Residents of Felixstowe", "supporters of Donald Trump"
        if (
            start >= 2
            and end == len(words)
            and words[start - 1].text.lower() in _PLACE_PREPS
            and words[start - 2].pos == "NOUN"
            and words[start - 2].plural
        ):
            return True  # "Officials in Kyiv": people in a place, not the place (cf. _employer)
        if start == 0:
            return False
        noun = words[start - 1]
        return (
            noun.plural
            and noun.pos == "NOUN"
            and not self.classes.is_role(noun)
            and not any(w.plural for w in words[start:end])
            and not any(w.pos in ("NOUN", "PROPN") for w in words[: start - 1])
        )

    def _outlet(self, word: MentionWord, index: int, following_role: bool = False) -> bool:
        """A capitalised media name ("ČTK"), or an acronym opening the phrase ("řekl HN
        Stejskal"), before a person's name is the outlet the statement was given to; not an
        English acronym before a title ("NDP leader Samira Khan": the party the leader
        leads)."""
        if not word.text[:1].isupper():
            return False
        if self.classes.of(word) == "media":
            return True
        known = self.registry.lookup(word.text, self.lang)
        if known is not None:
            return known.kind == "media"
        return index == 0 and word.text.isupper() and len(word.text) > 1 and not following_role

    def _accept(self, start: int, end: int, words: list[MentionWord]) -> bool:
        """A registry alias that names only a modifier does not name the speaker: "ruské
        agentury", "the US military", "Beijing officials" are not Russia, the US, China; a
        nationality adjective outside the alias names another country's body."""
        head = next((i for i, w in enumerate(words) if w.head), None)
        if head is not None and not (start <= head < end) and not words[head].proper:
            if end <= head:
                return False
            if any(w.pos == "ADP" for w in words[head + 1 : start]):
                return False  # "Economists at the Federal Reserve" are not the Fed
        if self._group_of(words, start, end):
            return False
        if self.lang == "cs" and _czech_name_at(words, end - 1) is not None:
            return False  # "Ekonomové České spořitelny": a bank, not Czechia
        for i, w in enumerate(words):
            if start <= i < end or not w.adjective:
                continue
            lemma = w.lemma.lower()
            if (self.lang == "cs" and lemma.endswith(("ský", "cký"))) or (
                self.lang != "cs" and w.text[:1].isupper()
            ):
                return False
        return True

    def _description(self, words: list[MentionWord], mention: Mention, kind: str) -> Entity:
        text = self.text[mention.span[0] : mention.span[1]]
        name = _description_name(words, self.lang) or text
        head = next((w for w in words if w.head), words[-1] if words else None)
        entity = self._others.get(name.casefold())
        if entity is None:
            entity = Entity(name, kind, plural=bool(head and head.plural))
            entity.gender = head.gender if head else ""
            self._others[name.casefold()] = entity
        return entity

    def _company_role(
        self, words: Sequence[MentionWord], position: int
    ) -> tuple[Entity, str] | None:
        """ "a company spokeswoman", "a bank official": a role whose only qualifier is the
        business noun speaks for the body just named, as "the company" alone does; "an agency
        spokesman" for the agency named before, but "Party leaders", "police officials" are
        people of a party, the police, not the one named."""
        kept = [w for w in words if w.text.lower() not in DETERMINERS]
        if len(kept) == 1 and kept[0].lemma.lower() in load_lexicon(self.lang).word_set(
            "spokesperson"
        ):
            # "The company denied X. A spokesman said…": the body that just spoke, if a body
            issuer = self._issuer(position, SPOKESPERSON_WINDOW)
            if issuer is not None and issuer.kind in ("organisation", "state", "media"):
                return issuer, kept[0].text
            return None
        if len(kept) != 2 or not kept[1].head or not self.classes.is_role(kept[1]):
            return None
        business = replace(kept[0], head=True)
        if kept[1].plural and not self.classes.is_company(business):
            return None
        body = self._body_named_before([business], business, position)
        return (body, kept[1].text) if body is not None else None

    def _body_named_before(
        self, words: Sequence[MentionWord], head: MentionWord | None, position: int
    ) -> Entity | None:
        """ "the company", "the carmaker", "společnost": a singular business noun alone (a
        determiner at most; the `company` class) stands for the nearest body named before;
        "the agency", "úřad": another body's noun alone stands for the body named before
        with that noun in its name (`_body_by_noun`)."""
        # "the police" is plural to the tagger, but its form is the lemma's
        if head is None or (head.plural and head.text.lower() != head.lemma.lower()):
            return None
        if any(w is not head and w.text.lower() not in DETERMINERS for w in words):
            return None  # "the Russian foreign ministry", "společnost ČEZ": says which
        if not self.classes.is_company(head):
            # "the ministry", "the police" alone: the country's, unless the article named one
            return (
                self._body_by_noun(head, position) if self.classes.is_organisation(head) else None
            )
        if head.plural:
            return None
        for seen in self.seen.before(position, 2 * ANTECEDENT_WINDOW):
            entity = seen.entity
            # a name read from the text keeps the kind "person" until it speaks; one never
            # given with a first name ("Volkswagen", "ČEZ") is a body, as `settle_kind` holds
            body = entity.kind == "organisation" or (
                entity.kind == "person"
                and not entity.registry
                and bool(entity.forms)
                and all(len(f.words) == 1 for f in entity.forms)
                and not any(self.classes.of(f.words[0]) == "state" for f in entity.forms)
                # "the line between Reading and London": a place is no company
                and not all(f.place for f in entity.forms)
                and not entity.honoured
            )
            if not body or self._modifier_only(entity):
                continue
            if entity.registry or entity.forms:
                return entity
            if entity.named and self._firm(entity):
                return entity  # "Thames Water", "Deutsche Bank": a business named before
        return None

    def _firm_name(self, words: Sequence[MentionWord], titles: Sequence[str]) -> bool:
        """ "Thames Water", "Southern Coastal Water": a name a business's word closes is a
        body, unless an honorific before it makes it a person ("Mr. Capital")."""
        return self.classes.firm_named([w.text for w in words]) and not any(
            t.lower().rstrip(".") in _HONORIFICS for t in titles
        )

    def _firm(self, entity: Entity) -> bool:
        """A named body that is a business: a business's noun in its name ("Deutsche Bank",
        "Thames Water"), not an agency, a ministry, a court."""
        words = entity.name.split()
        return self.classes.firm_named(words) or any(self.classes.is_company(w) for w in words)

    def _body_by_noun(self, head: MentionWord, position: int) -> Entity | None:
        """ "The Environment Agency said … The agency said", "Energetický regulační úřad … Úřad
        uvedl": the nearest body named before whose name holds the noun, when it spoke or no
        other such body was named (two agencies named, one only in passing: not clear which)."""
        keys = _keys(head, self.lang)
        found: list[Entity] = []
        for seen in self.seen.before(position, 2 * ANTECEDENT_WINDOW):
            entity = seen.entity
            if entity.kind not in ("organisation", "media") or seen.covered:
                continue
            if any(e is entity for e in found):
                continue
            # a body the article names, or a description that says which ("ministerstvo
            # zdravotnictví", "the health ministry"); never the noun alone ("Ministry" read
            # from "the Ministry of Transport" in a sentence not parsed)
            if self._headed_by(entity.name.split(), keys):
                found.append(entity)
        if not found or not (found[0].spoke or len(found) == 1):
            return None
        return found[0]

    def _headed_by(self, name: Sequence[str], keys: set[str]) -> bool:
        """Whether a body's name of two to six words is one of the noun's: the noun closes it
        ("Environment Agency") or opens what follows ("Ministry of Transport", "Police
        Department"); a Czech noun anywhere ("Ministerstvo zdravotnictví", "Energetický
        regulační úřad"). Not a headline that only mentions it ("Suspect Named By Police
        Before Obama")."""
        if not 1 < len(name) <= 6:
            return False
        for i, word in enumerate(name):
            if normalise_word(word, self.lang) not in keys:
                continue
            after = name[i + 1] if i + 1 < len(name) else ""
            if (
                self.lang == "cs"
                or not after
                or after.lower() in _OF_BODY
                or self.classes.is_organisation(after)
            ):
                return True
        return False

    def _ministry_named_before(self, words: Sequence[MentionWord], position: int) -> Entity | None:
        """ "Ministerstvo zdravotnictví to označilo za nesmysl. Vakcína podle resortu…": the
        Czech "resort" (a ministry's portfolio) alone stands for the ministry named before."""
        kept = [w for w in words if w.text.lower() not in DETERMINERS]
        if self.lang != "cs" or len(kept) != 1 or kept[0].lemma.lower() != "resort":
            return None
        for seen in self.seen.before(position, 2 * ANTECEDENT_WINDOW):
            if seen.entity.name.lower().startswith("ministerstv"):
                return seen.entity
        return None

    def _modifier_only(self, entity: Entity) -> bool:
        """ "the company's Wayne plant": a name only ever written between a possessive and a
        common word qualifies it (a place, a site), and "DETROIT (AP) —" is where the story was filed;
        neither is a body that could speak."""
        if entity.registry or not entity.forms:
            return False
        return all(
            (
                re.search(r"['’]s\s+$", self.text[max(0, f.span[0] - 4) : f.span[0]])
                and re.match(r"\s+[a-z]", self.text[f.span[1] : f.span[1] + 2])
            )
            or self._in_dateline(f.span)
            for f in entity.forms
        )

    def _in_dateline(self, span: Span) -> bool:
        line = self.text.rfind("\n", 0, span[0]) + 1
        m = DATELINE.match(self.text, line)
        return m is not None and span[1] <= m.end()

    def _by_role(
        self, head: MentionWord, words: Sequence[MentionWord], position: int
    ) -> Entity | None:
        """ "the president", "ministryně pro místní rozvoj": the nearest person introduced
        with that role or its field; a Czech feminine role noun ("ministryně") names the
        nearest woman, as few women are in play at once in news."""
        keys = {head.lemma.lower(), head.text.lower()}
        field = {w.lemma.lower() for w in words if not w.head and w.pos in ("NOUN", "ADJ")}
        earlier = list(self.seen.before(position, 4 * ANTECEDENT_WINDOW))
        for seen in earlier:
            roles = seen.entity.roles
            if seen.entity.kind == "person" and (keys & roles or len(field & roles) > 1):
                if self._other_office(keys, field, roles):
                    continue
                return seen.entity
        if self.lang == "cs" and head.gender == "Fem":
            for seen in earlier:
                if position - seen.start > ANTECEDENT_WINDOW:
                    break
                if seen.entity.kind == "person" and seen.entity.gender == "Fem":
                    return seen.entity
        return None

    def _other_office(self, keys: set[str], field: set[str], roles: set[str]) -> bool:
        """ "Britský ministr obrany John Healey … Americký ministr zahraničí uvedl": a Czech
        role qualified by words none of which the person's title holds (another country,
        another portfolio), where the title holds qualifiers of its own, is another office."""
        if self.lang != "cs":
            return False
        status = load_lexicon(self.lang).word_set("status_adjective")
        mine = {f for f in field if f not in status}
        theirs = {r for r in roles if r not in keys and r not in status}
        if not mine or not theirs:
            return False
        stems = {role_stem(r) for r in theirs}
        return not any(role_stem(f) in stems for f in mine)

    def _issuer(self, position: int, window: int = ANTECEDENT_WINDOW) -> Entity | None:
        """Who issued the statement that speaks: the nearest earlier speaker."""
        for seen in self.seen.before(position, window):
            if seen.entity.spoke and not seen.covered:
                return seen.entity
        return None

    def _relative_antecedent(self, position: int) -> Entity | None:
        """The name a relative pronoun follows within its sentence."""
        for seen in self.seen.before(position, RELATIVE_WINDOW):
            if not seen.covered:
                return seen.entity
        return None

    def _antecedent(
        self, agreement: Agreement, position: int, mention: Mention | None
    ) -> Entity | None:
        fallback: _Seen | None = None
        for seen in self.seen.before(position, ANTECEDENT_WINDOW):
            if seen.covered:
                continue
            if not (seen.salient or _introduced(seen.entity)):
                continue
            if position - seen.start > ANTECEDENT_WINDOW:
                break
            if fallback is not None and fallback.start - seen.start > TOPIC_WINDOW:
                break
            if _agrees(seen.entity, agreement, self.lang, mention is None) or (
                seen.voice and agreement.kind == "person" and not agreement.plural
            ):
                # "Obrátí se na Junckera. Podle něj …": an object named last loses to the
                # subject named shortly before it (Fico), who is still the topic; "the CDC
                # said there is no need for Beijing residents to worry, but it…": a name
                # read in passing loses to the speaker just before it
                # "Governor Christopher Waller struck a cautious tone. He warned…": a name
                # opening the sentence before is its subject, the topic, whether it spoke or not
                weak = seen.oblique or (self.lang == "en" and not (seen.speaker or seen.topic))
                if weak and fallback is None:
                    fallback = seen
                    continue
                if weak:
                    continue
                return self._agreed(seen.entity, agreement)
        return self._agreed(fallback.entity, agreement) if fallback is not None else None

    @staticmethod
    def _agreed(entity: Entity, agreement: Agreement) -> Entity:
        if agreement.genders and agreement.kind == "person" and not entity.gender:
            entity.gender = next(iter(agreement.genders))
        return entity


def _agrees(entity: Entity, agreement: Agreement, lang: str, dropped: bool) -> bool:
    kind = agreement.kind
    if kind == "person" or (lang == "cs" and not kind):
        if agreement.plural:
            return entity.plural or entity.kind in ("group",)
        if entity.plural:
            return False
        genders = agreement.genders
        if entity.kind != "person":
            # "ministerstvo uvedlo", "policie oznámila": a body agrees by its noun's gender
            return lang == "cs" and not kind and bool(entity.gender) and entity.gender in genders
        return not genders or not entity.gender or entity.gender in genders
    if kind == "thing":
        return entity.kind in _THINGS and not entity.plural
    if kind == "plural":
        return entity.plural or entity.kind in ("group", "state", "organisation")
    return entity.kind == "person" and not entity.plural  # English dropped subject


# What may stand before a sentence's subject name: an opening quotation mark, titles and
# capitalised words ("Fed Governor", "The"), nothing lower case.
_BEFORE_SUBJECT = re.compile(r"(?:^|[.!?]\s+|\n)[\s\"“„'(]*(?:[A-Z][\w.'’-]*\s+){0,5}$")


def _opens_clause(text: str, position: int) -> bool:
    """Whether the name at position opens its sentence, after nothing but its titles."""
    return bool(_BEFORE_SUBJECT.search(text, max(0, position - 80), position))


def _introduced(entity: Entity) -> bool:
    """An entity a pronoun may point to: known to the registry or named in full somewhere."""
    return entity.registry or any(len(f.words) > 1 for f in entity.forms)


def _keys(word: MentionWord, lang: str) -> set[str]:
    """Stems of the word and of its lemma: "Kněžínka" meets "Kněžínek" through the lemma, and
    without a lemma through the Czech mobile e ("Kněžínek" → "kněžínk")."""
    keys = {normalise_word(word.text, lang), normalise_word(word.lemma or word.text, lang)}
    if lang == "cs":
        keys |= {k[:-2] + k[-1] for k in keys if len(k) > 4 and k[-2] == "e" and k[-1] in "kclr"}
    return keys


def _surname(entity: Entity, lang: str) -> set[str]:
    return {k for f in entity.forms for k in _keys(f.words[-1], lang)}


def _bracketed(text: str, span: Span) -> bool:
    """ "Zdeněk Hřib (Piráti)", "Sen. Tim Kaine (D-Va.)": a party or a place in brackets right
    after a name qualifies that name and is no antecedent of its own."""
    return text[span[0] - 2 : span[0]] == " (" and text[span[1] : span[1] + 1] == ")"


def _salient(form: NameForm, lang: str) -> bool:
    """Names a pronoun may refer to: full names and nominative ones; a lone capitalised word
    in an oblique case is mostly a place ("v Praze") or a date."""
    if len(form.words) > 1:
        return True
    word = form.words[0]
    return form.parsed and lang == "cs" and word.case == "Nom" and word.pos == "PROPN"


def _punctuated_names(text: str, registry: ActorRegistry) -> list[tuple[int, int, Actor]]:
    """Where the registry's names with inner punctuation ("Re: Russia") stand in the text,
    as whole words."""
    out: list[tuple[int, int, Actor]] = []
    for surface, actor in registry.punctuated:
        pattern = r"(?<!\w)" + re.escape(surface).replace("\\ ", r"\s+") + r"(?!\w)"
        for m in re.finditer(pattern, text):
            if not any(s < m.end() and m.start() < e for s, e, _ in out):
                out.append((m.start(), m.end(), actor))
    return out


def _oblique(form: NameForm, lang: str) -> bool:
    """A Czech name in an oblique case (an object, a genitive): a weaker antecedent than a
    subject. Parsed names carry their case; in a sentence not parsed, a first name that is an
    inflected form of another ("Roberta", "Jeana-Clauda") marks the name, unless a feminine
    surname says it is a woman's nominative ("Petra Nováková")."""
    if lang != "cs":
        return False
    if form.parsed:
        return all(w.case not in ("Nom", "") for w in form.words)
    if len(form.words) < 2 or form.words[-1].text.endswith("á"):
        return False
    first = form.words[0].text
    lemma = str(simplemma.lemmatize(first, lang="cs"))
    return lemma != first and lemma[:1].isupper()


def person_name(words: Sequence[MentionWord], lang: str) -> list[MentionWord]:
    """The person's name inside a run of proper words: "v Praze Alexander Pismenny" and
    "envoy to Ukraine Kurt Volker" end in the name; at most a first name (with initials) and a
    surname, hyphenated parts kept whole."""
    kept = [w for w in words if w.text not in (".", ",")]
    classes = word_classes(lang)
    while len(kept) > 1 and classes.of(kept[0]) == "nationality":
        kept = kept[1:]  # "the Afghan Taliban": a nationality is no first name
    if lang == "cs":
        # "v Praze Alexander Pismenny": a place in the locative is no part of the name (a
        # genitive/nominative clash is mostly the tagger's: "Jana Malá")
        for i in range(len(kept) - 1, 0, -1):
            if kept[i - 1].case in ("Loc", "Ins", "Dat") and kept[i].case == "Nom":
                kept = kept[i:]
                break
    units: list[list[MentionWord]] = []
    for w in kept:
        if units and (
            w.text == "-" or units[-1][-1].text == "-" or _particle(units[-1][-1], initial=True)
        ):
            units[-1].append(w)  # "Jean-Marc", "de Vries": one part of the name
        else:
            units.append([w])
    out: list[list[MentionWord]] = []
    full = 0
    for unit in reversed(units):
        is_initial = len(unit) == 1 and len(unit[0].text.rstrip(".")) == 1
        if is_initial and full == 2 and not unit[0].text.endswith("."):
            break  # "Deníku N Jan Novák": a letter without its period before a full name
        patronymic = len(unit) > 1 and unit[0].text.lower() in _PATRONYMIC
        if not is_initial and not patronymic:
            # "Muhammad bin Abdarrahmán Saní": a "bin" part joins the first name to the
            # surname and counts as neither
            if full == 2:
                break
            full += 1
        out.insert(0, unit)
    return [w for unit in out for w in unit] or list(words)


_PATRONYMIC = frozenset("bin ibn bint".split())
# Lower-case particles inside a surname: "Anke de Vries", "Ludwig van Beethoven".
NAME_PARTICLES = frozenset("de van von der den ter ten da di du del della la le bin ibn al".split())


def _particle(word: MentionWord, *, initial: bool = False) -> bool:
    """A particle; `initial`: also capitalised, as a sentence opens ("De Vries later said")."""
    return (word.text.lower() if initial else word.text) in NAME_PARTICLES


def _first_ok(entity: Entity, first: str) -> bool:
    if not first:
        return True
    firsts = {normalise_word(f.words[0].text, "cs") for f in entity.forms if len(f.words) > 1}
    firsts |= {normalise_word(f.words[0].text, "en") for f in entity.forms if len(f.words) > 1}
    return not firsts or first in firsts or any(f[:3] == first[:3] for f in firsts)


def _gender_of(words: Sequence[MentionWord]) -> str:
    last = words[-1]
    if last.gender in ("Masc", "Fem"):
        return last.gender
    return ""


def _join(words: Sequence[MentionWord]) -> str:
    return _surface(NameForm((0, 0), tuple(words)))


def _name_run(
    words: Sequence[MentionWord], is_role: Callable[[MentionWord], bool], lang: str
) -> tuple[int, int] | None:
    """The proper name in a mention: the run of proper words holding the head, else the
    longest; titles before it ("President", "Lt. Col.") are not part of it."""
    runs: list[tuple[int, int]] = []
    classes = word_classes(lang)
    # "a study published on Wednesday": a day or a month is no name
    proper = [
        _proper(w, k, lang, words[k - 1] if k else None) and classes.of(w.text) != "time"
        for k, w in enumerate(words)
    ]
    head_at = next((k for k, w in enumerate(words) if w.head), -1)
    i = 0
    while i < len(words):
        if proper[i] and not is_role(words[i]):
            j = i
            while j + 1 < len(words) and (
                proper[j + 1]
                or words[j + 1].text == "-"
                or (
                    # "The Food and Drink Federation": the name's own "and", before its head
                    words[j + 1].text in ("and", "&")
                    and j + 2 < head_at
                    and proper[j + 2]
                    and all(proper[k] for k in range(j + 2, head_at + 1))
                )
                or (
                    (_particle(words[j + 1]) or _inner_possessive(words, j + 1, lang))
                    and j + 2 < len(words)
                    and proper[j + 2]
                )
            ):
                j += 1
            while j > i and words[j].text == "-":
                j -= 1
            start = i
            for k in range(i, j + 1):
                if is_role(words[k]) and not _role_as_surname(words, i, k, j, lang):
                    start = k + 1
            if start <= j:
                runs.append((start, j + 1))
            i = j + 1
        else:
            i += 1
    if not runs:
        return None
    head = next((k for k, w in enumerate(words) if w.head), None)
    for run in runs:
        if head is not None and run[0] <= head < run[1]:
            return run
    return max(runs, key=lambda r: r[1] - r[0])


def _role_as_surname(words: Sequence[MentionWord], i: int, k: int, j: int, lang: str) -> bool:
    """ "Kevin King", "Stephen King": a role word closing a run of proper words, right after a
    capitalised first name, is the surname (`first_name_before`)."""
    return (
        k == j
        and k > i
        and words[k - 1].text[:1].isupper()
        and first_name_before(words[k - 1], lang)
    )


# "the mayor of New York": the preposition naming the office's place.
_OFFICE_PLACE = frozenset("of in for from at".split())
# "Officials in Kyiv": the preposition placing people somewhere; the place is not the speaker.
_PLACE_PREPS = frozenset(["in"])
# "a spokesperson for the Chamber of Commerce": the preposition joining a role to its body.
_SPOKEN_FOR_PREPS = frozenset("for at from".split())
# What follows a body's noun in its name: "Ministry of Transport", "Agency for Nuclear Safety".
_OF_BODY = frozenset("of for on".split())
# "an official in Dolan's party", "a lawmaker from Dolan's party": a member of someone's body.
_MEMBER_PREPS = frozenset("in from within".split())
# "Economists at ING": the preposition joining staff to the body they work for.
_EMPLOYER_PREPS = frozenset("at from".split())
# "Port of Rotterdam Authority", "Bank of England": the words joining one body's name.
_NAME_JOINS = frozenset("of for".split())


def _body_name_end(words: Sequence[MentionWord], start: int, end: int, lang: str) -> int:
    """A one-word run that is a common noun capitalised ("Port", "Bank") goes on through
    "of"/"for" and proper words to the body's name ("Port of Rotterdam Authority"); a
    person's name ("John Smith of Reuters") has more than one word and stays as it is."""
    if end - start != 1 or not simplemma.is_known(words[start].text.lower(), lang):
        return end
    k = end
    while k + 1 < len(words) and words[k].text in _NAME_JOINS and words[k + 1].proper:
        k += 2
        while k < len(words) and words[k].proper:
            k += 1
    return k if k > end else end


def _employer(words: Sequence[MentionWord], start: int, end: int) -> bool:
    """A plural noun with "at"/"from" right before the name: people the body employs."""
    return (
        start >= 2
        and end == len(words)
        and words[start - 1].text.lower() in _EMPLOYER_PREPS
        and words[start - 2].pos == "NOUN"
        and words[start - 2].plural
        and not any(w.proper for w in words[: start - 1])
    )


def _qualified(words: Sequence[MentionWord], match: Match) -> bool:
    """Does the phrase say more than the registry's generic alias ("source")?"""
    return any(
        w.pos in ("ADJ", "NOUN", "PROPN") and w.text.lower() not in DETERMINERS
        for k, w in enumerate(words)
        if not match.start <= k < match.end
    )


def _case_clash(head: MentionWord, name: Sequence[MentionWord]) -> bool:
    cases = {w.case for w in name if w.case}
    if cases == {"Nom"} and head.text.lower() == head.lemma.lower():
        return False  # "předsedkyně" reads as a genitive or the nominative it is
    return bool(head.case and cases) and head.case not in cases


def _proper(word: MentionWord, index: int, lang: str, previous: MentionWord | None = None) -> bool:
    """Proper, or a capitalised noun the tagger missed: inside the phrase ("RIA Novosti"), or
    opening it when the lexicon knows no common word of that form ("Kněžínek připustil", not
    "Premiér"); or a capitalised adjective right after a proper word, a surname such as
    "Petr Malý", "Karel Nový"."""
    if word.proper:
        return True
    if (
        lang == "cs"
        and word.pos == "ADJ"
        and word.text[:1].isupper()
        and previous is not None
        and previous.proper
    ):
        return True
    if not word.text[:1].isupper() or word.pos not in ("NOUN", "X"):
        return False
    if index > 0:
        return True
    return not common_word(word.text, lang) and not simplemma.is_known(word.text.lower(), lang)


def _role_text(words: Sequence[MentionWord]) -> str:
    """The role as a reader would cite it: the title word in its base form, its dependents as
    written ("mluvčího ruské ambasády" → "mluvčí ruské ambasády")."""
    kept = [w for w in words if w.text not in ",("]
    # Only a leading article goes: "the Secretary of the Treasury" keeps its inner "the", and a
    # Czech "a" inside "ministr průmyslu a obchodu" is "and", not an article.
    while kept and (
        kept[0].text.lower() in DETERMINERS
        or kept[0].text in _POSSESSIVE
        or kept[0].text.lower() in _REFLEXIVE_POSSESSIVES  # "podle svého předsedy": its own
    ):
        kept = kept[1:]  # "Reuters' correspondent": the owner went to the name, not its "'"
    noun = next((k for k, w in enumerate(kept) if w.pos == "NOUN"), None)
    participle = next(
        (k for k, w in enumerate(kept) if noun is not None and k > noun and w.pos == "VERB"), None
    )
    if participle is not None:
        kept = kept[:participle]  # "a study published on Wednesday in the BMJ": the study
    while kept and (
        kept[-1].text in ("of", ",", "for", "at", "from")
        or (kept[-1].text.lower() in DETERMINERS and len(kept) > 1)
        or (kept[-1].text.lower().rstrip(".") in _HONORIFICS and len(kept) > 1)
    ):
        # "spokesman for (the)": the preposition joins the role to its holder; "lead author
        # Dr. Song": the honorific is part of no role
        kept = kept[:-1]
    if not kept:
        return ""
    if kept[0].plural and kept[0].pos == "NOUN" and not kept[0].text.isupper():
        # "Economists at ING" opening a sentence: a plural noun is no title
        kept = [replace(kept[0], text=kept[0].text[:1].lower() + kept[0].text[1:]), *kept[1:]]
    out = []
    inflected = True
    for w in kept:
        if inflected and w.case not in ("", "Nom") and w.pos in ("NOUN", "ADJ"):
            out.append(w.lemma.lower() or w.text)
        else:
            out.append(w.text)
        if w.pos in ("NOUN", "ADP"):
            inflected = False  # "radní pro dopravu": what a preposition governs stays as written
    # "Lt. Col.": the parser's separate periods of an abbreviation stay on their word;
    # "Biden's Secretary of State": a possessive stays on its owner
    return re.sub(r"(?<=\w) (\.|'s|’s|'|’)(?=\s|$)", r"\1", " ".join(out))


def _description_name(words: Sequence[MentionWord], lang: str) -> str:
    """A description as written, without a leading determiner or adverb ("také policie v
    Düsseldorfu") and without a relative clause ("Civilisté, kteří"); a Czech one in the
    nominative singular when it stands in another case ("podle klubového lékaře" → "klubový
    lékař")."""
    kept = list(words)
    for i, w in enumerate(kept):
        if w.text in (",", "(", "—", "–"):
            kept = kept[:i]
            break
    while kept and (
        kept[0].text.lower() in DETERMINERS
        or kept[0].pos in ("ADV", "CCONJ", "PUNCT", "PART")
        or kept[0].text.lower() in _SELF  # "Sám hráč tvrdí": the player himself
    ):
        kept = kept[1:]
    kept = [w for w in kept if w.text.strip()]
    share = _share_at(kept, lang)
    if share is not None:
        # "a full 79 percent of Democrats", "As many as 40 percent of voters": the share and
        # whom it counts, not the reporter's intensifiers before it
        kept = kept[share:]
    if lang == "cs" and kept and not any(w.text[:1].isupper() for w in kept):
        return _czech_nominative(kept)
    out = ""
    for w in kept:
        # "teachers' union": a possessive mark after a plural glues to it as well
        glue = not out or w.text in ("'s", "’s", "-", "'", "’") or out.endswith("-")
        out += w.text if glue else " " + w.text
    return out.strip(" .:;\"'“”„")


def _share_at(words: Sequence[MentionWord], lang: str) -> int | None:
    """Where a count or share of people starts: "79 percent of", "half of", "4 in 10"."""
    classes = word_classes(lang)
    for i, w in enumerate(words):
        if w.proper:
            return None
        following = words[i + 1].text.lower() if i + 1 < len(words) else ""
        if w.pos == "NUM" or (classes.of(w) == "group" and following in ("of", "z")):
            return i
    return None


def _past_adjectives(words: Sequence[MentionWord], j: int) -> int:
    """The index of the first word from `j` on that is no adjective (len(words) if none)."""
    while j < len(words) and words[j].adjective:
        j += 1
    return j


def _czech_name_at(words: Sequence[MentionWord], i: int) -> int | None:
    """Where a Czech multi-word name opened by the capitalised adjective at `i` ends.

    Czech capitalises only the first word of such a name and writes nationality adjectives in
    lower case, so a capital adjective inside a phrase followed by its noun ("České
    spořitelny", "Komerční banky") is the start of a name, not the country.
    """
    if not 0 < i < len(words) or not (words[i].adjective and words[i].text[:1].isupper()):
        return None
    j = _past_adjectives(words, i + 1)
    if j < len(words) and words[j].pos == "NOUN":
        # no case agreement asked: the tagger reads "banky" as a nominative plural beside
        # "Komerční" in the genitive singular
        end = j + 1
        # "České inspekce životního prostředí": the lower-case genitive after the noun is
        # part of the name
        k = _past_adjectives(words, end)
        while (
            k < len(words)
            and words[k].pos == "NOUN"
            and words[k].case == "Gen"
            and all(w.text[:1].islower() for w in words[end : k + 1])
        ):
            end = k + 1
            k = _past_adjectives(words, end)
        return end
    return None


def _czech_named_body(words: Sequence[MentionWord], class_of: Callable[[MentionWord], str]) -> bool:
    """A lower-case medium or body noun and a name after it that is not in the genitive
    ("deníku Právo", "agentury Median"; not "úřadu Evropské unie", a part of the Union)."""
    return (
        len(words) > 1
        # "Server Seznam Zprávy napsal": opening the sentence, the noun is still common
        and (words[0].text[:1].islower() or words[0].lemma[:1].islower())
        and class_of(words[0]) in ("media", "organisation")
        and any(ch.isupper() for ch in words[1].text)
        # a web address is tagged with the noun's case ("serveru iRozhlas.cz"); the name's
        # first word tells ("Seznam Zprávy": a genitive inside the name)
        and (words[1].case not in ("Gen", "Dat", "Ins", "Loc") or "." in words[1].text)
    )


def _czech_body_name(
    words: Sequence[MentionWord],
    is_role: Callable[[MentionWord], bool],
    is_body: Callable[[MentionWord], bool] = lambda _w: False,
) -> bool:
    """A whole phrase that is a Czech body's name: a capitalised adjective opening it, then
    only adjectives up to a lower-case singular noun that is no title, and no name after it
    unless the noun names a body ("Národního muzea", "Komerční banka", "Fakultní nemocnice
    Motol"; not "Opoziční kritikové Nováka", "Nový ministr")."""
    if (
        len(words) > 1
        and words[0].text[:1].isupper()
        and words[0].pos == "NOUN"
        and not words[0].plural
        and not is_role(words[0])
        and words[0].case not in ("", "Nom")
        and all(w.text[:1].islower() and not w.proper for w in words[1:])
    ):
        return True  # "podle Centra dopravního výzkumu": a body's noun with its genitives
    if not words or not words[0].text[:1].isupper() or words[0].pos not in ("ADJ", "PROPN"):
        return False
    j = _past_adjectives(words, 1)
    if j >= len(words):
        return False
    noun = words[j]
    after = words[j + 1 :]
    return (
        noun.pos == "NOUN"
        and noun.text[:1].islower()
        and not noun.plural
        and not is_role(noun)
        and (
            not any(w.proper for w in after)
            # "Fakultní nemocnice Motol", "Krajská nemocnice Liberec": the place names the body
            or (is_body(noun) and all(w.text[:1].isupper() for w in after))
        )
    )


# Masculine lemma endings of Czech adjectives → the feminine and neuter nominative endings.
_CS_ADJECTIVE_ENDINGS = (("ý", "á", "é"), ("ův", "ova", "ovo"), ("in", "ina", "ino"))


def _polar_lemma(w: MentionWord) -> str:
    """ "nezávislých" → "nezávislý": the tagger's lemma drops the negative prefix
    ("závislý"), which turns the description into its opposite; "nejvyšších" (a superlative,
    lemma "vysoký") keeps the lemma."""
    lemma = w.lemma or w.text
    low, text = lemma.lower(), w.text.lower()
    if text.startswith("ne") and not low.startswith("ne") and text[2:].startswith(low[:3]):
        return "ne" + lemma
    return lemma


def _czech_nominative_plural(words: Sequence[MentionWord], noun: int) -> str:
    """ "odborů" → "odbory", "opozičních zastupitelů" → "opoziční zastupitelé": a plural
    description in the nominative plural (adjectives agreed with the noun's gender and
    animacy), the rest as written ("odborníci na korupci"); as written when a paradigm is
    unknown."""
    head = words[noun]
    out = []
    for w in words[: noun + 1]:
        form = czech_nominative_plural(
            _polar_lemma(w), head.gender, head.animate, w is not head and w.adjective
        )
        if not form:
            return _join(words)
        out.append(replace(w, text=_capitalised(form, w.text)))
    return _join([*out, *words[noun + 1 :]])


def _czech_nominative(words: Sequence[MentionWord]) -> str:
    """ "Energetického regulačního úřadu" → "Energetický regulační úřad", "České spořitelny"
    → "Česká spořitelna": the leading adjectives and their noun in the nominative singular
    (the tagger's lemmas, agreed in gender), the rest as written ("Svaz průmyslu a dopravy")."""
    noun = next((k for k, w in enumerate(words) if not w.adjective), None)
    if noun is None or words[noun].pos != "NOUN" or not words[noun].lemma:
        return _join(words)
    head = words[noun]
    # An adjective's case and number are the surer reading ("Komerční banky": the tagger takes
    # the noun for a nominative plural, the adjective for the genitive singular it is).
    marked = words[0] if noun and words[0].case else head
    if marked.case in ("", "Nom"):
        return _join(words)
    if marked.plural:
        return _czech_nominative_plural(words, noun) if head.plural else _join(words)
    out = []
    for w in words[: noun + 1]:
        form = w.lemma.lower() or w.text.lower()
        if form == w.text.lower():
            # the tagger leaves a capitalised word unlemmatised ("Energetického")
            form = simplemma.lemmatize(form, lang="cs")
        if w.adjective and head.gender in ("Fem", "Neut"):
            for masculine, feminine, neuter in _CS_ADJECTIVE_ENDINGS:
                if form.endswith(masculine):
                    ending = feminine if head.gender == "Fem" else neuter
                    form = form[: -len(masculine)] + ending
                    break
        out.append(replace(w, text=_capitalised(form, w.text)))
    return _join([*out, *words[noun + 1 :]])
