"""Loading `seeds/` into the database through the services, idempotently."""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from claims.models import Article, Claim, Desk, Outlet, Rating, RatingScale
from claims.services import workflow
from claims.services.actors import get_or_create_actor
from claims.services.articles import ingest_article
from claims.services.extraction import extract_article
from partners.models import Partner
from sources.services import attach_source, get_or_create_source

logger = logging.getLogger(__name__)

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, what: str, created: bool) -> None:
        if created:
            self.created.append(what)


def _load(name: str) -> Any:
    return json.loads((SEEDS_DIR / name).read_text(encoding="utf-8"))


def seed_all(*, demo_users: bool = True, extract: bool = True) -> SeedReport:
    """Rating scales, the demo desk, actors, users, the partner, seed articles and the example.

    - every step looks up before it creates: running it twice changes nothing
    - the example claim is carried through the real workflow (triage → publish)
    """
    report = SeedReport()
    with transaction.atomic():
        scales = seed_rating_scales(report)
        desk_data = _load("demo_desk.json")
        desk_fields = desk_data["desk"]
        desk, created = Desk.objects.get_or_create(
            slug=desk_fields["slug"],
            defaults={
                "name": desk_fields["name"],
                "rating_scale": scales[desk_fields["rating_scale"]],
                "state_limit_days": desk_fields["state_limit_days"],
                "recheck_after_days": desk_fields["recheck_after_days"],
                "is_default": desk_fields.get("is_default", False)
                and not Desk.objects.filter(is_default=True).exists(),
            },
        )
        report.add(f"desk {desk}", created)
        seed_actors(report)
        if demo_users:
            seed_users(desk_data["users"], report)
        partner, created = Partner.objects.get_or_create(
            name=desk_data["partner"]["name"],
            defaults={"throttle_rate": desk_data["partner"]["throttle_rate"]},
        )
        report.add(f"partner {partner}", created)
    articles = seed_articles(desk, report, extract=extract)
    if demo_users and extract:
        seed_example(desk_data["example"], articles, report)
    return report


def seed_rating_scales(report: SeedReport) -> dict[str, RatingScale]:
    scales = {}
    for data in _load("rating_scales.json"):
        scale, created = RatingScale.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "language": data["language"],
                "best_value": data["best_value"],
                "worst_value": data["worst_value"],
            },
        )
        report.add(f"rating scale {scale}", created)
        for order, rating in enumerate(data["ratings"]):
            _, created = Rating.objects.get_or_create(
                scale=scale,
                label=rating["label"],
                defaults={
                    "value": rating["value"],
                    "alternate_name": rating["alternate_name"],
                    "description": rating.get("description", ""),
                    "order": order,
                    "common": rating.get("common", ""),
                },
            )
            report.add(f"rating {rating['label']}", created)
        scales[scale.slug] = scale
    return scales


def seed_actors(report: SeedReport) -> None:
    path = SEEDS_DIR / "actors.json"
    if not path.exists():
        report.warnings.append("seeds/actors.json is missing: no actor registry loaded.")
        return
    for data in json.loads(path.read_text(encoding="utf-8")):
        aliases = [(data["name"], "")]
        for language, names in data.get("aliases", {}).items():
            aliases += [(name, "" if language in {"*", "any"} else language) for name in names]
        existed = data["name"] in _actor_names()
        get_or_create_actor(
            name=data["name"],
            kind=data.get("kind") or "person",
            aliases=aliases,
            description=data.get("description") or "",
            country=data.get("country") or "",
            wikidata_id=data.get("wikidata") or "",
        )
        report.add(f"actor {data['name']}", not existed)


def _actor_names() -> set[str]:
    from claims.models import Actor

    return set(Actor.objects.values_list("name", flat=True))


def seed_users(users: list[dict[str, Any]], report: SeedReport) -> None:
    User = get_user_model()
    for data in users:
        user, created = User.objects.get_or_create(
            username=data["username"],
            defaults={
                "email": data.get("email", ""),
                "first_name": data.get("first_name", ""),
                "last_name": data.get("last_name", ""),
                "is_staff": True,
                "is_superuser": bool(data.get("superuser")),
            },
        )
        if created:
            user.set_password(data["password"])
            user.save(update_fields=["password"])
        if data.get("role"):
            user.groups.add(Group.objects.get(name=data["role"]))
        report.add(f"user {user.get_username()}", created)


def seed_articles(desk: Desk, report: SeedReport, *, extract: bool) -> dict[str, Article]:
    articles = {}
    for data in _load("articles.json"):
        outlet, created = Outlet.objects.get_or_create(
            name=data["outlet"],
            defaults={"country": data.get("outlet_country", ""), "language": data["language"]},
        )
        report.add(f"outlet {outlet}", created)
        body = (SEEDS_DIR / data["file"]).read_text(encoding="utf-8")
        result = ingest_article(
            body=body,
            title=data["title"],
            language=data["language"],
            outlet=outlet,
            desk=desk,
            published_at=dt.datetime.fromisoformat(data["published_at"]),
            extract=False,
        )
        report.add(f"article {result.article}", result.created)
        if extract and result.article.status != Article.Status.EXTRACTED:
            outcome = extract_article(article_id=result.article.pk)
            if outcome.error:
                report.warnings.append(f"extraction of {data['file']}: {outcome.error}")
            report.add(
                f"{outcome.claims_created} claims of {data['file']}", outcome.claims_created > 0
            )
        articles[data["file"]] = result.article
    return articles


def seed_example(example: dict[str, Any], articles: dict[str, Article], report: SeedReport) -> None:
    """Carry one claim of the seed article through the whole workflow, as the demo case."""
    User = get_user_model()
    editor = User.objects.get(username="editor")
    reviewer = User.objects.get(username="reviewer")
    article = articles[example["article"]]
    claim = article.claims.filter(text__contains=example["claim_contains"]).first()
    if claim is None:
        report.warnings.append(
            f"the example claim ('{example['claim_contains']}') was not extracted; "
            "no published example."
        )
        return
    if claim.status == Claim.Status.PUBLISHED:
        return
    steps: dict[str, str] = {Claim.Status.NEW: "triage", Claim.Status.TRIAGED: "research"}
    while claim.status in steps:
        claim = workflow.transition_claim(claim_id=claim.pk, name=steps[claim.status], user=editor)
    if claim.status == Claim.Status.RESEARCHING:
        src = example["source"]
        source, _ = get_or_create_source(
            url=src["url"],
            title=src["title"],
            publisher=src["publisher"],
            kind=src["kind"],
            archive=False,
        )
        attach_source(
            claim_id=claim.pk,
            source=source,
            relation=src["relation"],
            note=src["note"],
            user=editor,
        )
        verdict = example["verdict"]
        rating = Rating.objects.get(
            scale=article.desk.rating_scale if article.desk else None, label=verdict["rating"]
        )
        workflow.save_verdict(
            claim_id=claim.pk,
            user=editor,
            rating=rating,
            summary=verdict["summary"],
            explanation=verdict["explanation"],
            as_of=dt.date.fromisoformat(verdict["as_of"]),
        )
        claim = workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    if claim.status == Claim.Status.IN_REVIEW:
        workflow.transition_claim(
            claim_id=claim.pk,
            name="publish",
            user=reviewer,
            note="Approved for the demo.",
            verdict_version=_reviewed_version(claim),
        )
        report.add("published example claim", True)


def _reviewed_version(claim: Claim) -> int | None:
    draft = workflow.draft_verdict(claim)
    return draft.version if draft else None
