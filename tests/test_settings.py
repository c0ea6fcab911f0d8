"""Settings come from the environment; production refuses unsafe values and passes check --deploy."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="news.example.com",
        DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="newsroom.settings.prod", ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_url_selects_postgresql():
    code = (
        "from django.conf import settings; from django.db import connection; "
        "print(settings.DATABASES['default']['ENGINE'], connection.vendor)"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/whatever",
    )
    # Django's PostgreSQL backend with the deferred health check (newsroom/db/postgresql).
    assert result.stdout.strip().endswith("newsroom.db.postgresql postgresql"), result.stderr


def test_redis_url_selects_redis_cache():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_manage(
        "shell",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert result.stdout.strip().endswith("RedisCache"), result.stderr


def test_without_redis_the_cache_is_shared_between_processes():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, DJANGO_SETTINGS_MODULE="newsroom.settings.dev", REDIS_URL="")
    assert result.stdout.strip().endswith("DatabaseCache"), result.stderr


def test_time_zone_comes_from_the_environment():
    code = (
        "import datetime; from django.conf import settings; from django.utils import timezone; "
        "late = datetime.datetime(2025, 3, 13, 22, 30, tzinfo=datetime.UTC); "
        "print(settings.TIME_ZONE, timezone.localtime(late).isoformat())"
    )
    result = run_manage(
        "shell", "-c", code, DJANGO_SETTINGS_MODULE="newsroom.settings.dev", TIME_ZONE="Europe/Vilnius"
    )
    # 22:30 UTC is already the next morning's 00:30 in Vilnius: the story is dated the 14th there.
    assert result.stdout.strip().splitlines()[-1] == "Europe/Vilnius 2025-03-14T00:30:00+02:00", result.stderr
    broken = run_manage("check", DJANGO_SETTINGS_MODULE="newsroom.settings.dev", TIME_ZONE="Mars/Olympus")
    assert broken.returncode != 0
    assert "TIME_ZONE='Mars/Olympus' is not a time zone name" in broken.stderr
