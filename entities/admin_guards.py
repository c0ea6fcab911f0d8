"""Admin side of the entity delete guard: show the refusal on the confirmation page, not a crash."""

from django.db.models import Count

from .guards import refusal_message
from .models import EntityLink, Mention


class ProtectConfirmedEntitiesMixin:
    """For every entity admin (Entity, Country, Leader, Organization): list entities that still
    have confirmed mentions as "protected", which makes Django's delete page and the
    "delete selected" action refuse with the reason instead of deleting."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        objs = list(objs)
        counts = dict(
            Mention.objects.filter(entity_id__in=[o.pk for o in objs], status=Mention.Status.CONFIRMED)
            .values_list("entity_id")
            .annotate(n=Count("pk"))
        )
        protected = list(protected) + [
            refusal_message(entity, counts[entity.pk]) for entity in objs if counts.get(entity.pk)
        ]
        # Django shows a missing permission before protected objects: the reason above was hidden.
        return to_delete, model_count, without_derived(perms_needed), protected


def without_derived(perms_needed: set) -> set:
    """Django's delete page asks for the permission to delete every related row. Mentions and
    entity links are the linker's, derived from a story and an entity: they go with either, and
    asking for them stopped editors deleting a linked story (or entity) at all."""
    derived = {str(model._meta.verbose_name) for model in (EntityLink, Mention)}
    return {name for name in perms_needed if str(name) not in derived}
