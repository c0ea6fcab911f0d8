"""A reader's path through the site in headless Chromium, with screenshots and axe-core checks.

Needs Debian's Chromium at /usr/bin/chromium (``apt-get install chromium``); skipped otherwise.
Screenshots go to ``test-output/screenshots/`` at phone and desktop widths.
"""

import datetime
import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from tests.factories import (
    CountryFactory,
    LeaderFactory,
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
    SourceFactory,
    linked_story,
)

CHROMIUM = next(
    (path for path in ("/usr/bin/chromium", shutil.which("chromium") or "") if path and os.path.exists(path)),
    None,
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's Chromium not found (apt-get install chromium)"),
]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
NOW = timezone.now()


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself (factories) are synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
        # The ORM calls made while Playwright's loop runs get connections of their own (asgiref
        # sees another context); left open, they keep PostgreSQL from dropping the test database.
        connections.close_all()


@pytest.fixture
def newsroom(transactional_db):
    # Transactional tests may start with the session's knowledge base still loaded (see
    # tests/conftest.py); its aliases would link these stories on save. Start empty.
    call_command("flush", interactive=False, verbosity=0)
    belarus = CountryFactory(name="Belarus", capital="Minsk", region="Europe", flag="🇧🇾", wikidata_id="Q184")
    china = CountryFactory(name="China", capital="Beijing", region="Asia", flag="🇨🇳")
    sco = OrganizationFactory(
        name="Shanghai Cooperation Organisation", acronym="SCO", founded=datetime.date(2001, 6, 15)
    )
    lukashenko = LeaderFactory(name="Alexander Lukashenko")
    OfficeFactory(leader=lukashenko, country=belarus, start=datetime.date(1994, 7, 20))
    MembershipFactory(organization=sco, country=belarus, since=datetime.date(2024, 7, 4))
    MembershipFactory(
        organization=sco, country=china, status="founding_member", since=datetime.date(2001, 6, 15)
    )
    wire = SourceFactory(name="Example Wire")
    story = linked_story(
        [belarus, sco, lukashenko],
        paragraphs=[
            "Belarus became a full member of the Shanghai Cooperation Organisation at the summit in Astana.",
            "Alexander Lukashenko said Belarus would work with partners across Eurasia on trade and security.",
            "Officials from China welcomed the decision.",
        ],
        title="Belarus joins the Shanghai Cooperation Organisation",
        dek="Minsk becomes the bloc's tenth member.",
        byline="A. Reporter",
        source=wire,
        source_url="https://wire.example/belarus-sco",
    )
    related = linked_story(
        [sco, china],
        paragraphs=["China hosted the Shanghai Cooperation Organisation summit in Tianjin."],
        title="China hosts the SCO summit in Tianjin",
        published_at=NOW - datetime.timedelta(days=3),
        source=wire,
    )
    for i in range(3):
        linked_story(
            [china],
            paragraphs=[f"China reported trade figures for quarter {i + 1}."],
            title=f"China trade figures, part {i + 1}",
            published_at=NOW - datetime.timedelta(days=30 * (i + 1)),
        )
    return {"story": story, "related": related, "belarus": belarus, "sco": sco}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])


def test_reader_journey(browser, live_server, newsroom):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    csp_violations = []
    page.on(
        "console",
        lambda msg: csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    story, related = newsroom["story"], newsroom["related"]

    page.goto(live_server.url + "/")
    assert page.title().startswith("Latest stories")
    shoot(page, "home")

    page.get_by_role("link", name=story.title).first.click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator("h1").inner_text() == story.title
    assert page.locator("#in-story-heading").is_visible()
    assert "Belarus joined the SCO as a full member in July 2024." in page.locator(".facts").inner_text()
    shoot(page, "story")

    page.locator(".story-body a.entity-link", has_text="Belarus").first.click()
    page.wait_for_url(f"**{newsroom['belarus'].get_absolute_url()}")
    assert "Belarus" in page.locator("h1").inner_text()
    listed = page.locator("#stories-heading + .story-list").get_by_role("link", name=story.title)
    assert listed.count() == 1
    shoot(page, "country")

    listed.click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    page.locator(".related").get_by_role("link", name=related.title).click()
    page.wait_for_url(f"**{related.get_absolute_url()}")
    assert page.locator("h1").inner_text() == related.title

    page.get_by_role("searchbox", name="Search stories").fill("Tianjin summit")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=Tianjin*")
    assert page.locator(".story-list .story-title").all_inner_texts() == [related.title]
    assert page.locator(".snippet mark").count() >= 1
    shoot(page, "search")

    page.goto(live_server.url + "/organizations/")
    shoot(page, "directory")
    page.goto(live_server.url + newsroom["sco"].get_absolute_url())
    shoot(page, "organization")
    assert csp_violations == []
    context.close()


AXE_PAGES = {
    "home": lambda data: "/",
    "story": lambda data: data["story"].get_absolute_url(),
    "country": lambda data: data["belarus"].get_absolute_url(),
    "organization": lambda data: data["sco"].get_absolute_url(),
    "directory": lambda data: "/countries/",
    "list": lambda data: "/stories/",
    "search": lambda data: "/search/?q=summit",
    "not_found": lambda data: "/stories/no-such-story/",
}


def test_no_serious_accessibility_violations(browser, live_server, newsroom):
    # axe is injected by the test harness, so this context ignores the page's CSP.
    context = browser.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True)
    page = context.new_page()
    source = AXE.read_text()
    failures = {}
    for name, url in AXE_PAGES.items():
        for label, size in VIEWPORTS.items():
            page.set_viewport_size(size)
            page.goto(live_server.url + url(newsroom))
            page.add_script_tag(content=source)
            result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            assert result["passes"], f"axe did not run on {name}"
            serious = [
                {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
                for v in result["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            if serious:
                failures[f"{name}@{label}"] = serious
    context.close()
    assert not failures, json.dumps(failures, indent=1)


def test_long_words_and_addresses_wrap_on_a_small_phone(browser, live_server, newsroom):
    """A long address or word in a story scrolled the whole page sideways at 320 px."""
    address = "https://example.org/" + "very-long-path-segment/" * 12
    story = linked_story(
        [newsroom["belarus"]],
        paragraphs=[f"The full decree is published at {address} for anyone to read."],
        title="Supercalifragilisticexpialidociousnessandthensomemoreletters in Minsk",
    )
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for url in (story.get_absolute_url(), "/stories/", newsroom["belarus"].get_absolute_url()):
        page.goto(live_server.url + url)
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (url, width)
    context.close()


def test_on_a_phone_the_results_come_before_the_folded_filters(browser, live_server, newsroom):
    """The whole filter form (a tall entity picker among it) stood above the results: a search's
    first screen showed no result."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(live_server.url + "/search/?q=Minsk")
    assert page.evaluate("document.querySelector('details.filters-toggle').open") is False
    top = page.evaluate("document.getElementById('results-heading').getBoundingClientRect().top")
    assert top < VIEWPORTS["phone"]["height"] / 2
    page.click("summary")
    assert page.is_visible("#id_entity")
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(live_server.url + "/search/?q=Minsk")
    assert page.is_visible("#id_entity") and not page.is_visible("details.filters-toggle > summary")
    page.set_viewport_size(VIEWPORTS["phone"])  # folded on a phone, then the screen widens
    page.goto(live_server.url + "/search/?q=Minsk")
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.wait_for_selector("#id_entity", state="visible", timeout=5_000)
    page.goto(live_server.url + "/stories/?kind=country")  # a filter on: the form stays open
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(live_server.url + "/stories/?kind=country")
    assert page.is_visible("#id_entity")
    context.close()


def test_the_coverage_charts_labels_stay_readable_on_a_phone(browser, live_server, newsroom):
    """Labels set for a 480-unit chart drawn 311 px wide rendered at about 9 px."""
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + newsroom["belarus"].get_absolute_url())
    heights = page.evaluate(
        "[...document.querySelectorAll('.coverage-chart .axis-label')].map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 11, heights
    context.close()
