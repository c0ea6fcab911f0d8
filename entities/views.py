"""Public entity pages. Placeholder views; the public site (issue 5) replaces them."""

from django.shortcuts import get_object_or_404, render

from .models import Entity


def directory(request, kind):
    entities = Entity.objects.filter(kind=kind)
    return render(request, "entities/directory.html", {"entities": entities, "kind": kind})


def entity_detail(request, slug, kind):
    entity = get_object_or_404(Entity, slug=slug, kind=kind)
    return render(request, "entities/entity_detail.html", {"entity": entity})
