"""The audit trail: one function every door (admin, API, commands, services) records through.

``record_audit`` is a stable interface other modules rely on (the entity merge, the importer):

    record_audit(action=AuditEntry.Action.MERGE, obj=entity, user=request.user, detail={...})
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def record_audit(
    *,
    action: str,
    obj: models.Model | None,
    user: Any = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Write one ``AuditEntry``: ``action`` (an ``AuditEntry.Action``) done on ``obj`` by ``user``.

    ``obj`` may be an instance that is about to be deleted (its pk and text are kept) or
    ``None`` for actions without one object (a whole import run). Anonymous or missing users
    are stored as no user: commands run by operators have none.
    """
    if action not in AuditEntry.Action.values:
        raise ValueError(f"Unknown audit action {action!r}; use one of {AuditEntry.Action.values}.")
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEntry.objects.create(
        action=action,
        user=user,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:500] if obj is not None else "",
        detail=detail or {},
    )
