"""GIN index for full-text search on PostgreSQL; nothing to do on other databases.

The indexed expression is exactly the one ``articles.querysets.search_vector()`` compiles to,
so ``search()``'s ``@@`` filter can use it. A functional GinIndex in ``Meta.indexes`` would
also be created on SQLite, which has no GIN indexes; hence a vendor-conditional operation.
"""

from django.db import migrations

INDEX_NAME = "article_search_gin"
DOCUMENT = (
    "((setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"dek\", '')), 'B')) || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"body_text\", '')), 'C'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON articles_article USING GIN (({DOCUMENT}))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_importing_minhash")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
