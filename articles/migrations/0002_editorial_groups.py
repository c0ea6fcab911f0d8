"""Create the "Editors" and "Reporters" groups with their permissions.

Reporters create and edit drafts (the publish permission is what they lack); editors also
publish, import, delete stories and manage the knowledge base and mentions.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER_PERMS = {
    "articles": ["add_article", "change_article", "view_article", "view_source", "import_article"],
    "entities": [
        "view_entity",
        "view_country",
        "view_leader",
        "view_organization",
        "view_alias",
        "view_office",
        "view_membership",
        "view_mention",
        "view_entitylink",
    ],
}
EDITOR_PERMS = {
    "articles": [
        "add_article",
        "change_article",
        "delete_article",
        "view_article",
        "publish_article",
        "import_article",
        "add_source",
        "change_source",
        "view_source",
        "view_importrun",
        "view_importitem",
        "view_auditentry",
    ],
    "entities": [
        f"{verb}_{model}"
        for model in [
            "entity",
            "country",
            "leader",
            "organization",
            "alias",
            "office",
            "membership",
            "mention",
        ]
        for verb in ["add", "change", "delete", "view"]
    ]
    + ["view_entitylink"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrate; create them now so the groups get them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, spec in (("Reporters", REPORTER_PERMS), ("Editors", EDITOR_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in spec.items():
            perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            group.permissions.add(*perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporters", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("entities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
