from django.contrib import admin

from .admin_guards import ProtectConfirmedEntitiesMixin
from .models import Entity


@admin.register(Entity)
class EntityAdmin(ProtectConfirmedEntitiesMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__text"]
