"""The FilterSet for entity lists (the API's ``/api/entities/``)."""

import django_filters
from django.db.models import Case, Exists, OuterRef, Q, When
from drf_spectacular.utils import extend_schema_field

from .models import Alias, Country, Entity, Membership, Office, Organization

MEMBER_OF_HELP = "Organization slug: countries with a current membership of any status in it."
COUNTRY_HELP = (
    "Country slug: leaders who hold or held an office there and organizations it currently belongs to."
)


class EntityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Entity.Kind.choices)
    q = django_filters.CharFilter(
        method="filter_search",
        label="Search",
        help_text="Part of the name or of any alias; exact matches first, then names starting with it.",
    )
    member_of = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        to_field_name="slug",
        method="filter_member_of",
        label="Member of",
        help_text=MEMBER_OF_HELP,
    )
    country = django_filters.ModelChoiceFilter(
        queryset=Country.objects.all(),
        to_field_name="slug",
        method="filter_country",
        help_text=COUNTRY_HELP,
    )

    class Meta:
        model = Entity
        fields = ["kind", "q", "member_of", "country"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        aliases = Alias.objects.filter(entity=OuterRef("pk"))
        # Exact names and aliases first, then those starting with the words, then the rest:
        # "q=US" listed 26 entities by name, the United States not on the first screen.
        exact = Q(name__iexact=value) | Exists(aliases.filter(text__iexact=value))
        prefix = Q(name__istartswith=value) | Exists(aliases.filter(text__istartswith=value))
        return (
            queryset.filter(Q(name__icontains=value) | Exists(aliases.filter(text__icontains=value)))
            .annotate(match=Case(When(exact, then=0), When(prefix, then=1), default=2))
            .order_by("match", "sort_name", "name", "pk")
        )

    @extend_schema_field({"type": "string", "description": MEMBER_OF_HELP})
    def filter_member_of(self, queryset, name, value):
        memberships = Membership.objects.filter(
            country=OuterRef("pk"), organization=value, until__isnull=True
        )
        return queryset.filter(Exists(memberships))

    @extend_schema_field({"type": "string", "description": COUNTRY_HELP})
    def filter_country(self, queryset, name, value):
        offices = Office.objects.filter(leader=OuterRef("pk"), country=value)
        memberships = Membership.objects.filter(
            organization=OuterRef("pk"), country=value, until__isnull=True
        )
        return queryset.filter(Exists(offices) | Exists(memberships))
