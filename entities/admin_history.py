"""Entity history in the admin.

Entities keep their history per kind (``HistoricalCountry``, ``HistoricalLeader``…, from
``HistoricalRecords(inherit=True)``), so the generic Entity admin reads the typed table. Restoring
an entity revision is not offered: knowledge-base facts are corrected by editing them.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse

from .models import Country, Entity, Leader, Organization

TYPED = {Entity.Kind.COUNTRY: Country, Entity.Kind.LEADER: Leader, Entity.Kind.ORGANIZATION: Organization}


class TypedEntityHistoryMixin:
    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        kind = Entity.objects.filter(pk=object_id).values_list("kind", flat=True).first()
        model = TYPED.get(kind)
        if model is not None and self.model is Entity:
            history_manager = model.history
        return super().get_history_queryset(request, history_manager, pk_name, object_id)

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        messages.info(request, "Entity revisions are not restored; edit the entity to correct it.")
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[unquote(object_id)])
        return HttpResponseRedirect(url)
