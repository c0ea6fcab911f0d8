"""Time the knowledge-base load into a throwaway test database and print the figures.

    python bench/load_entities.py                      # SQLite (in memory)
    DATABASE_URL=postgres://... python bench/load_entities.py

Creates the test database (test_<name>), runs a fresh load and a reload, prints the time
of each and the number of rows, then destroys the test database.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402

from entities.knowledge import load_knowledge_base  # noqa: E402
from entities.models import Alias, Country, Entity, Leader, Membership, Office, Organization  # noqa: E402


def main():
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        for label in ("fresh load", "reload"):
            started = time.perf_counter()
            counts = load_knowledge_base()
            elapsed = time.perf_counter() - started
            changed = sum(
                value
                for kind, c in counts.items()
                if kind != "seconds"
                for key, value in c.items()
                if key in ("created", "updated", "deleted")
            )
            print(f"{label}: {elapsed:.2f}s, {changed} rows written")
        for model in (Entity, Country, Leader, Organization, Alias, Office, Membership):
            print(f"{model._meta.verbose_name_plural}: {model.objects.count()}")
        for kind in ("surname", "demonym", "capital", "acronym", "title"):
            print(f"  aliases of kind {kind}: {Alias.objects.filter(kind=kind).count()}")
        print(f"  case-sensitive aliases: {Alias.objects.filter(case_sensitive=True).count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
