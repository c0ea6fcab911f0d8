from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from articles.models import Article
from entities.linking import LinkResult, link_articles


class Command(BaseCommand):
    help = (
        "Link stories to the knowledge base: store entity suggestions, confirm the confident ones "
        "and rebuild the story–entity links. Editors' decisions are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, metavar="ARTICLE_ID", help="Stories to link.")
        parser.add_argument("--all", action="store_true", help="Link every story in the archive.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Link and report, then roll everything back."
        )
        parser.add_argument(
            "--chunk-size", type=int, default=100, help="Stories linked per transaction (default 100)."
        )

    def handle(self, *args, article_ids, all, chunk_size, dry_run, verbosity, **options):
        if bool(article_ids) == bool(all):
            raise CommandError("Give either --all or one or more ARTICLE_IDs.")
        queryset = Article.objects.all() if all else Article.objects.filter(pk__in=article_ids)
        if article_ids:
            missing = set(article_ids) - set(queryset.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No story with id {', '.join(map(str, sorted(missing)))}.")
        total = queryset.count()
        articles = (
            queryset.only("pk", "title", "dek", "body_text", "published_at", "source_id")
            .order_by("pk")
            .iterator(chunk_size=chunk_size)
        )
        summary = LinkResult(article_id=0)
        linked = 0
        # Only a dry run holds one transaction over everything (to roll it back); a real run
        # commits chunk by chunk so a long relink never locks the database for its whole length.
        with (
            transaction.atomic() if dry_run else nullcontext(),
            tqdm(total=total, unit="story", disable=verbosity < 1, file=self.stderr) as progress,
        ):
            for result in link_articles(articles=articles, chunk_size=chunk_size):
                summary += result
                linked += 1
                progress.update()
            if dry_run:
                transaction.set_rollback(True)
        prefix = "Dry run, nothing saved. Would have linked" if dry_run else "Linked"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix} {linked} stories: {summary.created} new suggestions "
                f"({summary.auto_confirmed} confirmed automatically), {summary.updated} updated, "
                f"{summary.deleted} removed, {summary.kept_decisions} editor decisions kept."
            )
        )
