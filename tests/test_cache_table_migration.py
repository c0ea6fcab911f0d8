"""``migrate`` creates the database cache's table: ``load_entities`` right after it crashed."""

import importlib

import pytest
from django.db import connection

migration = importlib.import_module("articles.migrations.0010_cache_table")


@pytest.mark.django_db(transaction=True)
def test_migrate_creates_the_database_caches_table(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "migrated_cache"}
    }
    assert "migrated_cache" not in connection.introspection.table_names()
    try:
        with connection.schema_editor() as editor:
            migration.create_cache_tables(None, editor)
        assert "migrated_cache" in connection.introspection.table_names()
    finally:
        with connection.schema_editor() as editor:
            editor.execute(editor.sql_delete_table % {"table": editor.quote_name("migrated_cache")})
