from django.apps import AppConfig
from django.db.models.signals import pre_delete


class EntitiesConfig(AppConfig):
    name = "entities"
    verbose_name = "Knowledge base"

    def ready(self):
        from .guards import refuse_delete_with_confirmed_mentions
        from .models import Entity

        # Typed entities (Country…) delete their Entity parent row too, so this covers them.
        pre_delete.connect(
            refuse_delete_with_confirmed_mentions, sender=Entity, dispatch_uid="entity_delete_guard"
        )
        from . import signals  # noqa: F401
