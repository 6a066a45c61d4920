"""`manage.py seed` loads the demo desk through the services, and twice changes nothing."""

from django.apps import apps
from django.core.management import call_command

from claims.models import Article, Claim


def _row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def test_seeding_twice_changes_nothing(db, capsys, settings):
    settings.DEBUG = True  # demo users are loaded in development only
    call_command("seed")
    first = _row_counts()
    capsys.readouterr()

    call_command("seed")

    assert _row_counts() == first
    assert "Nothing to do: the seeds are loaded." in capsys.readouterr().out


def test_the_seed_article_is_extracted_and_its_example_published(db, settings):
    settings.DEBUG = True
    call_command("seed")

    article = Article.objects.get(title__contains="Putin v KLDR")
    shells = Claim.objects.get(article=article, text__startswith="Severní Korea dodává Rusku")
    assert article.status == "extracted"
    assert article.claims.count() >= 9
    assert shells.status == "published"
    assert shells.published_verdict.rating.label == "Neověřitelné"
    assert shells.published_verdict.reviewer.username == "reviewer"
    assert sorted(shells.attributions.values_list("actor__name", "stance")) == [
        ("North Korea", "denies"),
        ("Russia", "denies"),
        ("South Korean officials", "asserts"),
        ("US officials", "asserts"),
    ]
    assert shells.sources.get().relation == "context"
