from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) a demo editor account for local use and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="Login name (default: editor).")
        parser.add_argument("--password", default="newsroom-demo", help="Password (default: newsroom-demo).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (a known password on a production site is a hole).",
        )

    def handle(self, *args, username, password, force, **options):
        if not (settings.DEBUG or force):
            raise CommandError("Refusing to create a demo account with a known password while DEBUG is off.")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@newsroom.invalid"}
        )
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} demo editor — log in to the admin (/admin/) "
                f"as {username!r} with password {password!r}"
            )
        )
