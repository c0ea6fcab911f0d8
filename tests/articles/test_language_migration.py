"""Stories imported before languages were detected get theirs from ``migrate``."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleFactory

migration = importlib.import_module("articles.migrations.0011_detect_missing_languages")

ENGLISH = "The council voted on Tuesday to close the harbour road for repairs until the end of the summer."
GERMAN = "Der Stadtrat hat am Dienstag beschlossen, die Hafenstraße bis zum Ende des Sommers zu sperren."


@pytest.mark.django_db
def test_missing_languages_are_detected_and_declared_ones_kept():
    english = ArticleFactory(body_text=ENGLISH, language="")
    german = ArticleFactory(body_text=GERMAN, language="")
    declared = ArticleFactory(body_text=ENGLISH + " Traffic goes by the bridge.", language="en-GB")
    names = ArticleFactory(body_text="Anna Berg, Tom Lind", title="Lists", language="")

    migration.detect_missing_languages(apps, None)

    languages = dict(Article.objects.values_list("pk", "language"))
    assert languages == {english.pk: "en", german.pk: "de", declared.pk: "en-GB", names.pk: ""}


@pytest.mark.django_db
def test_queries_grow_with_batches_not_stories(monkeypatch):
    monkeypatch.setattr(migration, "BATCH", 10)
    for n in range(25):
        ArticleFactory(body_text=f"{ENGLISH} Story {n}.", language="")

    with CaptureQueriesContext(connection) as queries:
        migration.detect_missing_languages(apps, None)

    assert set(Article.objects.values_list("language", flat=True)) == {"en"}
    selects = [query for query in queries if query["sql"].lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4  # three batches of up to ten, then an empty one
    assert len(queries) <= 4 + 3 * 3  # and one bulk UPDATE a batch (with its savepoint)
