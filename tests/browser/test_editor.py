"""An editor's story page in headless Chromium: forms beside the story's own ask before they
drop unsaved edits. Needs Debian's Chromium at /usr/bin/chromium; skipped otherwise."""

from pathlib import Path

import pytest

from articles.importing.pipeline import import_file
from articles.models import Article
from tests.browser.test_reader import CHROMIUM, browser  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's Chromium not found (apt-get install chromium)"),
]
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d7da914c6f76cbdd.txt"


def logged_in_page(browser, live_server):  # noqa: F811
    """A page logged in to the admin as "chief" (a superuser the test made)."""
    page = browser.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-12345")
    page.click("input[type=submit]")
    return page


def test_rerunning_extraction_asks_first_and_names_unsaved_edits(browser, live_server, transactional_db):  # noqa: F811
    from django.contrib.auth.models import User

    User.objects.create_superuser("chief", "chief@example.org", "pw-chief-12345")
    [result] = import_file(data=SEED.read_bytes(), name=SEED.name)
    page = logged_in_page(browser, live_server)
    change = f"{live_server.url}/admin/articles/article/{result.article_id}/change/"
    page.goto(change)

    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.fill("#id_dek", "A dek typed by the editor")
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.click("text=Re-run extraction")
    assert "fresh extraction of the stored original" in asked[0]
    assert "unsaved changes to this story will be lost" in asked[0]
    assert page.url == change and page.input_value("#id_dek") == "A dek typed by the editor"

    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.click("text=Re-run extraction")
    page.wait_for_load_state()
    assert len(asked) == 2
    assert page.locator(".messagelist").inner_text().startswith("Not changed")
    assert Article.objects.get(pk=result.article_id).dek != "A dek typed by the editor"
    page.close()


def test_a_background_imports_page_follows_it_without_reloading(browser, live_server, transactional_db):  # noqa: F811
    """The page reloaded itself every two seconds (focus, scroll and screen reader reset)."""
    from django.contrib.auth.models import User

    from articles.models import ImportRun

    chief = User.objects.create_superuser("chief", "chief@example.org", "pw-chief-12345")
    run = ImportRun.objects.create(origin="admin", state="running", total=4, processed=1, created_by=chief)
    page = logged_in_page(browser, live_server)
    page.goto(f"{live_server.url}/admin/articles/article/import/{run.pk}/")
    assert "1 of 4 files processed" in page.inner_text("#import-state")
    page.evaluate("window.sameDocument = true")

    ImportRun.objects.filter(pk=run.pk).update(state="done", processed=4, imported=4)
    page.wait_for_selector("#import-state:has-text('4 of 4 files processed')", timeout=10_000)
    assert page.evaluate("window.sameDocument === true")  # updated in place, not reloaded
    assert "Imported 4" in page.inner_text("#import-progress")
    assert page.locator("progress").count() == 0
    page.close()


def test_a_paste_over_the_limit_is_stopped_before_it_is_sent(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    settings,
):
    """The server cannot read a request that large: the paste was lost to a "Bad Request"."""
    from django.contrib.auth.models import User

    settings.NEWSROOM_IMPORT_MAX_BYTES = 2_000
    User.objects.create_superuser("chief", "chief@example.org", "pw-chief-12345")
    page = logged_in_page(browser, live_server)
    form = f"{live_server.url}/admin/articles/article/import/"
    page.goto(form)
    paste = "Ąžuolas " * 300  # 2,700 bytes in UTF-8 though 2,400 characters
    page.fill("#id_text", paste)
    page.click("input[type=submit]")
    assert "over the import size limit (2.0" in page.inner_text("#paste-size-error")
    assert page.url == form and page.input_value("#id_text") == paste
    assert page.get_attribute("#id_text", "aria-invalid") == "true"
    page.close()
