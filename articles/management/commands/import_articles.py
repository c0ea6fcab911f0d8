"""Import stories from files, folders and zip archives."""

import json
import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.importing.pipeline import REPORT_START, ItemResult, count_inputs, file_of, import_paths
from articles.models import Article, ImportRun


class Command(BaseCommand):
    help = (
        "Import stories from plain-text dumps, saved HTML pages, RSS/Atom feeds and JSON Lines exports. "
        "PATH may be a file, a folder (searched recursively) or a .zip archive. Exits with status 1 "
        "when any file failed; the others are still imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, folders or .zip archives.")
        parser.add_argument("--source", help="Name of the source the stories come from (created if new).")
        parser.add_argument(
            "--status",
            choices=[Article.Status.DRAFT.value, Article.Status.PUBLISHED.value],
            default=Article.Status.DRAFT,
            help="Status of the imported stories (default: draft).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and clean everything, write nothing."
        )
        parser.add_argument("--report", metavar="FILE", help="Write a JSON report of every file to FILE.")
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The newsroom user the stories are imported by (their history and the audit log say so).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="Processes that extract files while this one writes (default: the "
            "NEWSROOM_IMPORT_WORKERS setting; 0 extracts in this process).",
        )

    def handle(self, *args, paths, source, status, dry_run, report, workers, user, verbosity, **options):
        if workers is not None and workers < 0:
            raise CommandError("--workers must be 0 or more.")
        if user is not None:
            username = user
            user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
            if user is None:
                raise CommandError(f"No user named {username!r}.")
        report_file = None
        if report:  # before anything is written: a bad path must not leave a run behind
            if _holds_something_else(report):
                raise CommandError(
                    f"{report} exists and is not an import report; choose another --report file "
                    "(it would be overwritten)."
                )
            try:
                report_file = open(report, "w", encoding="utf-8")  # noqa: SIM115 - streamed to the end
            except OSError as exc:
                raise CommandError(f"Cannot write the report to {report}: {exc.strerror}") from exc
            report_file.write(REPORT_START.decode())
        run = (
            None
            if dry_run
            else ImportRun.objects.create(origin="command", state=ImportRun.State.RUNNING, created_by=user)
        )
        interactive = verbosity >= 1 and hasattr(self.stderr, "isatty") and self.stderr.isatty()
        exclude = [report] if report else []
        progress = None
        counts = {"imported": 0, "duplicate": 0, "failed": 0, "near": 0}
        reported = 0
        failed_records = 0  # of a feed or an export
        passed_over: list[str] = []  # the files of folders and archives that are no stories, with why
        try:
            total = count_inputs(paths, exclude=exclude) if interactive or run else None
            if run:
                run.total = total or 0
                run.save(update_fields=["total"])
            if interactive:
                from tqdm import tqdm

                progress = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
            last_file = None
            for number, result in enumerate(
                import_paths(
                    paths=paths,
                    source=source,
                    status=status,
                    dry_run=dry_run,
                    run=run,
                    exclude=exclude,
                    workers=workers,
                    user=user,
                    passed_over=passed_over,
                )
            ):
                counts[result.outcome] += 1
                counts["near"] += bool(result.near_duplicate_of)
                if report_file:
                    report_file.write(("," if number else "") + "\n  " + json.dumps(result.as_report()))
                reported += 1
                file_name = file_of(result.path)
                failed_records += result.outcome == "failed" and file_name != result.path
                if progress is not None and file_name != last_file:
                    progress.update(1)
                last_file = file_name
                self._say(result, verbosity=verbosity, progress=progress)
        except KeyboardInterrupt:
            # Ctrl-C: what was committed stays; the run is marked failed (import_paths does it once
            # it has started; here while the inputs were still being counted). No traceback.
            if run is not None:
                ImportRun.fail_unfinished(run.pk)
                # A batch is committed before its results are reported: the rest of the one being
                # reported comes from the run's own record, so the counts and the report list
                # every story that was stored.
                for item in run.items.select_related("article").order_by("pk")[reported:]:
                    counts[item.outcome] += 1
                    if report_file:
                        rest = ItemResult(
                            path=item.path,
                            outcome=item.outcome,
                            reason=item.reason,
                            article_id=item.article_id,
                            slug=item.article.slug if item.article else None,
                        )
                        report_file.write(("," if reported else "") + "\n  " + json.dumps(rest.as_report()))
                    reported += 1
            raise CommandError(
                f"Interrupted: imported {counts['imported']}, duplicates {counts['duplicate']}, failed "
                f"{counts['failed']}. Every batch committed before the interruption stays imported; run the "
                "same command again for the rest (what is already there is reported as a duplicate).",
                returncode=130,
            ) from None
        finally:
            if progress is not None:
                progress.close()
            if report_file:
                report_file.write(
                    "\n], "
                    f'"imported": {counts["imported"]}, "duplicates": {counts["duplicate"]}, '
                    f'"failed": {counts["failed"]}}}\n'
                )
                report_file.close()
        self._say_passed_over(passed_over, verbosity=verbosity, found=reported)
        prefix = "Dry run: would import" if dry_run else "Imported"
        summary = (
            f"{prefix} {counts['imported']}, duplicates {counts['duplicate']}, failed {counts['failed']}."
        )
        if counts["near"]:
            near = counts["near"]
            summary += (
                f" {near} {'resembles an earlier story' if near == 1 else 'resemble earlier stories'}"
                " (near-duplicates): see the notes."
            )
        if counts["failed"]:
            self.stdout.write(self.style.WARNING(summary))
            failed_files = counts["failed"] - failed_records
            parts = [f"{failed_files} file{'s' if failed_files != 1 else ''}"] if failed_files else []
            if failed_records:
                parts.append(
                    f"{failed_records} record{'s' if failed_records != 1 else ''} of feeds or exports"
                )
            raise CommandError(f"{' and '.join(parts)} failed to import.", returncode=1)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(summary))

    def _say_passed_over(self, passed_over: list[str], *, verbosity: int, found: int) -> None:
        """The files of the folders and archives that are no stories (system files, images, a
        folder's README): named, so that nothing is left out unseen, but not failures."""
        if not found and not passed_over:
            self.stdout.write(
                self.style.WARNING("Nothing to import: no files were found in the given paths.")
            )
        if not passed_over or verbosity < 1:
            return
        count = len(passed_over)
        shown = passed_over if verbosity >= 2 else passed_over[:3]
        self.stdout.write(
            f"Passed over {count} file{'s' if count != 1 else ''} that {'is' if count == 1 else 'are'} "
            f"no stor{'y' if count == 1 else 'ies'}:"
        )
        for line in shown:
            self.stdout.write(f"  {line}")
        if len(shown) < count:
            self.stdout.write(f"  … and {count - len(shown)} more (-v 2 lists them all).")

    def _say(self, result, *, verbosity, progress):
        if result.outcome == "failed":
            line = self.style.ERROR(f"FAILED {result.path}: {result.reason}")
        elif result.outcome == "imported" and (result.reason or result.near_duplicate_of) and verbosity >= 1:
            notes = [result.reason] if result.reason else []
            if result.near_duplicate_of:
                notes.append(
                    f"near-duplicate of story #{result.near_duplicate_of} ({result.similarity:.0%} alike): "
                    "review it before publishing"
                )
            line = self.style.WARNING(f"NOTE {result.path}: {'; '.join(notes)}")
        elif verbosity >= 2 and result.outcome == "duplicate":
            line = f"duplicate {result.path}: {result.reason}"
        elif verbosity >= 2:
            near = (
                f" (near-duplicate of #{result.near_duplicate_of}, {result.similarity:.0%})"
                if result.near_duplicate_of
                else ""
            )
            line = f"imported {result.path} → {result.slug}{near}"
        else:
            return
        if progress is not None:
            progress.write(line, file=sys.stderr if result.outcome == "failed" else sys.stdout)
        else:
            (self.stderr if result.outcome == "failed" else self.stdout).write(line)


def _holds_something_else(path: str) -> bool:
    """Whether ``path`` is a file other than an earlier report (a story among the inputs, say),
    which writing the report would destroy."""
    if not os.path.isfile(path):
        return False  # nothing there, or not a regular file (/dev/stdout, a pipe: reading would wait)
    try:
        with open(path, "rb") as handle:
            start = handle.read(16).lstrip()
    except OSError:
        return False  # unreadable: opening it for writing says why
    return bool(start) and not start.startswith(REPORT_START)
