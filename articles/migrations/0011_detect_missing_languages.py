"""Stories imported before the importer detected languages get the one their text is in.

The same call the importer makes (``story_language`` on the body, then the title), in batches by
primary key so memory stays flat and no cursor is held open while rows are written. Text too short
or too mixed to tell, or a missing language model, leaves the language empty, as on import.
"""

from django.db import migrations

from articles.importing.language import story_language

BATCH = 500


def detect_missing_languages(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    missing = Article.objects.filter(language="").order_by("pk")
    last = 0
    while batch := list(missing.filter(pk__gt=last).values_list("pk", "title", "body_text")[:BATCH]):
        last = batch[-1][0]
        found = [
            Article(pk=pk, language=language)
            for pk, title, body_text in batch
            if (language := story_language(f"{body_text}\n{title}"))
        ]
        Article.objects.bulk_update(found, ["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_cache_table"),
    ]

    operations = [
        migrations.RunPython(detect_missing_languages, migrations.RunPython.noop, elidable=True),
    ]
