"""The database cache's table, for installs without Redis (see CACHES in the settings).

Only ``make run`` created it (``createcachetable``): an operator who ran ``migrate`` and then
``load_entities`` got a traceback ("no such table: newsroom_cache"). With Redis or a local
memory cache configured, there is nothing to create.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_importrun_updated_at")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=True)]
