from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_guards import ProtectConfirmedEntitiesMixin
from .admin_history import TypedEntityHistoryMixin
from .models import Entity


@admin.register(Entity)
class EntityAdmin(ProtectConfirmedEntitiesMixin, TypedEntityHistoryMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__text"]
