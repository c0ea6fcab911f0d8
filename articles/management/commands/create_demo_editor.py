from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create (or reset) a demo editor account for local use and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor", help="Login name (default: editor).")
        parser.add_argument("--password", default="newsroom-demo", help="Password (default: newsroom-demo).")

    def handle(self, *args, username, password, **options):
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
                f"{verb} demo editor — log in at http://127.0.0.1:8000/admin/ "
                f"as {username!r} with password {password!r}"
            )
        )
