"""API representations of the knowledge base: entities with their aliases, offices and memberships."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.serializers import absolute

from .models import Alias, Country, Entity, Leader, Membership, Office, Organization


class EntityRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The entity's public page.")

    class Meta:
        model = Entity
        fields = ["slug", "name", "kind", "url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, entity):
        return absolute(self.context.get("request"), entity.get_absolute_url())


class EntitySerializer(EntityRefSerializer):
    story_count = serializers.IntegerField(read_only=True, help_text="Published stories linked to it.")

    class Meta(EntityRefSerializer.Meta):
        fields = [*EntityRefSerializer.Meta.fields, "summary", "wikidata_id", "story_count"]


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = Alias
        fields = ["text", "kind", "case_sensitive"]


class CountryFactsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = [
            "iso_alpha2",
            "iso_alpha3",
            "official_name",
            "capital",
            "demonyms",
            "flag",
            "region",
            "subregion",
        ]


class LeaderFactsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Leader
        fields = ["given_name", "family_name", "born"]


class OrganizationFactsSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["acronym", "org_kind", "founded", "headquarters"]


class OfficeSerializer(serializers.ModelSerializer):
    leader = EntityRefSerializer(read_only=True)
    country = EntityRefSerializer(read_only=True)

    class Meta:
        model = Office
        fields = [
            "title",
            "leader",
            "country",
            "start",
            "end",
            "is_head_of_state",
            "is_head_of_government",
            "source_note",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    organization = EntityRefSerializer(read_only=True)
    country = EntityRefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "country", "status", "since", "until", "source_note"]


class EntityDetailSerializer(EntitySerializer):
    """An entity with its facts. Exactly one of ``country``, ``leader`` and ``organization`` is set."""

    about_count = serializers.IntegerField(
        read_only=True, help_text="Published stories that are mainly about it."
    )
    aliases = AliasSerializer(many=True, read_only=True)
    country = serializers.SerializerMethodField()
    leader = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField()
    offices = serializers.SerializerMethodField(
        help_text="A leader's offices, or the offices held in a country; newest first."
    )
    memberships = serializers.SerializerMethodField(
        help_text="A country's memberships, or an organization's members."
    )

    class Meta(EntitySerializer.Meta):
        fields = [
            *EntitySerializer.Meta.fields,
            "about_count",
            "aliases",
            "country",
            "leader",
            "organization",
            "offices",
            "memberships",
        ]

    def typed_facts(self, entity, kind, serializer_class):
        if entity.kind != kind:
            return None
        typed = getattr(entity, kind, None)
        return serializer_class(typed).data if typed is not None else None

    @extend_schema_field(CountryFactsSerializer(allow_null=True))
    def get_country(self, entity):
        return self.typed_facts(entity, Entity.Kind.COUNTRY, CountryFactsSerializer)

    @extend_schema_field(LeaderFactsSerializer(allow_null=True))
    def get_leader(self, entity):
        return self.typed_facts(entity, Entity.Kind.LEADER, LeaderFactsSerializer)

    @extend_schema_field(OrganizationFactsSerializer(allow_null=True))
    def get_organization(self, entity):
        return self.typed_facts(entity, Entity.Kind.ORGANIZATION, OrganizationFactsSerializer)

    @extend_schema_field(OfficeSerializer(many=True))
    def get_offices(self, entity):
        offices = Office.objects.select_related("leader", "country")
        if entity.kind == Entity.Kind.LEADER:
            offices = offices.filter(leader_id=entity.pk)
        elif entity.kind == Entity.Kind.COUNTRY:
            offices = offices.filter(country_id=entity.pk)
        else:
            return []
        return OfficeSerializer(offices.order_by("-start"), many=True, context=self.context).data

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, entity):
        memberships = Membership.objects.select_related("organization", "country")
        if entity.kind == Entity.Kind.COUNTRY:
            memberships = memberships.filter(country_id=entity.pk)
        elif entity.kind == Entity.Kind.ORGANIZATION:
            memberships = memberships.filter(organization_id=entity.pk)
        else:
            return []
        return MembershipSerializer(memberships, many=True, context=self.context).data
