from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "Knowledge base"

    def ready(self):
        from . import signals  # noqa: F401
