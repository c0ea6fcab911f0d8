"""Public entity pages. Placeholder views; the public site (issue 5) replaces them."""

from django.http import Http404
from django.shortcuts import redirect, render

from .models import Entity, EntityRedirect


def directory(request, kind):
    entities = Entity.objects.filter(kind=kind)
    return render(request, "entities/directory.html", {"entities": entities, "kind": kind})


def entity_detail(request, slug, kind):
    entity = Entity.objects.filter(slug=slug, kind=kind).first()
    if entity is None:
        # A merged entity's old address moves permanently to the survivor.
        moved = EntityRedirect.objects.select_related("entity").filter(old_slug=slug).first()
        if moved is not None:
            return redirect(moved.entity, permanent=True)
        raise Http404("No such entity.")
    return render(request, "entities/entity_detail.html", {"entity": entity})
