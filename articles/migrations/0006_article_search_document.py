"""A stored, indexed search document on PostgreSQL; nothing to do on other databases.

0004 indexed the weighted document as an expression: matching used the index, but ranking
(``SearchRank``) rebuilt every match's document from its text, seconds for a broad query on
10,000 stories. A generated column keeps the document on disk, written by PostgreSQL itself on
every insert and update (Django never writes it), and the GIN index moves to it. Django's
model does not declare the column, so no query ever fetches it by accident;
``articles.querysets.SearchDocument`` names it where search needs it.
"""

from django.db import migrations

COLUMN = "search_document"
INDEX_NAME = "article_search_document"
OLD_INDEX_NAME = "article_search_gin"
DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"dek\", '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"body_text\", '')), 'C')"
)
OLD_DOCUMENT = (
    "((setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"dek\", '')), 'B')) || "
    "setweight(to_tsvector('english'::regconfig, COALESCE(\"body_text\", '')), 'C'))"
)


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON articles_article USING GIN ({COLUMN})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX_NAME}")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX_NAME} ON articles_article USING GIN (({OLD_DOCUMENT}))"
    )
    schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_workflow_audit_return")]

    operations = [migrations.RunPython(add_column, drop_column, elidable=False)]
