"""Background jobs for stories (Django's Tasks framework; `manage.py db_worker` runs them)."""

from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.tasks import task

from .importing.pipeline import InputFile, import_paths, zip_inputs
from .models import ImportRun, Source


@task()
def import_uploads(
    *, run_id: int, stored: list[list[str]], source_id: int | None, status: str, user_id: int | None
):
    """Import files an editor uploaded (kept in MEDIA storage) into ImportRun ``run_id``.

    ``stored`` holds ``[storage name, name shown to people]`` pairs. The stored files are
    deleted once imported, whatever the outcome.
    """
    try:
        run = ImportRun.objects.get(pk=run_id)
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        source = Source.objects.filter(pk=source_id).first() if source_id else None
        for _result in import_paths(
            paths=[], inputs=stored_inputs(stored), source=source, status=status, user=user, run=run
        ):
            pass
    except BaseException:
        # import_paths marks its run failed itself; a task that died before it started must not
        # leave the editor's progress page waiting on a run that never moves.
        ImportRun.fail_unfinished(run_id)
        raise
    finally:
        for storage_name, _display in stored:
            default_storage.delete(storage_name)


def stored_inputs(stored: list[list[str]]):
    for storage_name, display in stored:
        if display.lower().endswith(".zip"):
            with default_storage.open(storage_name, "rb") as handle:
                yield from zip_inputs(handle, name=display)
        else:
            yield InputFile(name=display, read=_reader(storage_name))


def _reader(storage_name: str):
    def read() -> bytes:
        from .importing.pipeline import read_limited

        with default_storage.open(storage_name, "rb") as handle:
            return read_limited(handle)

    return read
