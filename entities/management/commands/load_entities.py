from django.core.management.base import BaseCommand, CommandError

from entities.knowledge import KINDS, KnowledgeBaseError, load_knowledge_base


class Command(BaseCommand):
    help = (
        "Load or update the knowledge base shipped in entities/knowledge/ (countries, organizations, "
        "leaders, aliases, offices, memberships). Idempotent; never touches editor-made rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change without writing anything.",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        try:
            counts = load_knowledge_base(
                stdout=self.stdout if verbosity >= 2 else None, dry_run=options["dry_run"]
            )
        except KnowledgeBaseError as error:
            raise CommandError(f"The knowledge-base files are inconsistent: {error}") from error
        if verbosity == 0:
            return
        for kind in KINDS:
            parts = ", ".join(f"{counts[kind][label]} {label}" for label in counts[kind])
            self.stdout.write(f"{kind.capitalize()}: {parts}")
        changed = sum(counts[kind]["created"] + counts[kind]["updated"] for kind in KINDS)
        changed += sum(counts[kind].get("deleted", 0) for kind in KINDS)
        if options["dry_run"]:
            summary = f"Dry run in {counts['seconds']:.2f}s: {changed} rows would change; nothing written."
        else:
            summary = f"Knowledge base loaded in {counts['seconds']:.2f}s: {changed} rows changed."
        self.stdout.write(self.style.SUCCESS(summary))
