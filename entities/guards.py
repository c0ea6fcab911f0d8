"""Deleting an entity that stories confirmably mention would silently unlink them: refuse it.

The guard is a ``pre_delete`` receiver, so it protects every door (admin, API, shell, cascades).
Merge the entity into the one that replaces it first: the merge moves its mentions, after which
the empty entity can go.

The error is raised inside the deletion's transaction: a caller that catches it and goes on
using the database wraps the delete in ``transaction.atomic()`` (a savepoint).
"""

from django.db.models import ProtectedError

from .models import Entity, Mention


class EntityInUseError(ProtectedError):
    """An entity with confirmed mentions cannot be deleted."""


def confirmed_mention_count(entity: Entity) -> int:
    return Mention.objects.filter(entity_id=entity.pk, status=Mention.Status.CONFIRMED).count()


def refusal_message(entity: Entity, count: int) -> str:
    return (
        f"“{entity}” has {count} confirmed mention{'s' if count != 1 else ''} in stories; "
        "merge it into another entity before deleting it."
    )


def refuse_delete_with_confirmed_mentions(sender, instance, **kwargs):
    count = confirmed_mention_count(instance)
    if count:
        mentions = Mention.objects.filter(entity_id=instance.pk, status=Mention.Status.CONFIRMED)
        raise EntityInUseError(refusal_message(instance, count), set(mentions[:10]))
