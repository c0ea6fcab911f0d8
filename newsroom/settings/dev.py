"""Development: debugging on by default, a per-checkout secret key generated on first use."""

import os

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import BASE_DIR, env_bool

DEBUG = env_bool("DEBUG", True)

if not SECRET_KEY:  # noqa: F405
    key_file = BASE_DIR / ".secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        os.chmod(key_file, 0o600)
    SECRET_KEY = key_file.read_text().strip()

if DEBUG:
    STORAGES["staticfiles"] = {  # noqa: F405
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
