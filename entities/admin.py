from django.contrib import admin

from .admin_review import EntityMergeMixin
from .models import Entity


@admin.register(Entity)
class EntityAdmin(EntityMergeMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "aliases__text"]
