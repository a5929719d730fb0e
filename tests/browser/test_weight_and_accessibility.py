"""Every learner-facing page is light, talks to no other host and passes axe in both languages;
the coordinator's admin pages pass axe too."""

import gzip
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import new_learner, sign_in
from tests.browser.pages import (
    COORDINATOR_ADMIN_PAGES,
    LEARNER_PAGES,
    course_paths,
    quiz_attempt_paths,
)

MAX_TOTAL_BYTES = 100 * 1024
MAX_HTML_BYTES = 30 * 1024


def _measure(page, path: str) -> dict:
    """Bytes per resource on a first view, with content images left out."""
    responses = []

    def collect(response):
        responses.append(response)

    page.on("response", collect)
    page.goto(path, wait_until="networkidle")
    page.remove_listener("response", collect)
    sizes, hosts, html = {}, set(), 0
    for response in responses:
        url = urlparse(response.url)
        hosts.add(url.netloc)
        if url.path.startswith("/media/"):
            continue  # content images are the editors' choice, not the page's weight
        body = response.body() if response.status < 300 else b""
        encoding = response.headers.get("content-encoding", "")
        sent = len(body if encoding else gzip.compress(body)) if body else 0
        if response.request.resource_type == "document":
            html = len(gzip.compress(body))
        sizes[response.url] = sent
    return {"total": sum(sizes.values()), "html": html, "hosts": hosts, "sizes": sizes}


def _all_paths(page, quiz_screens):
    paths = [(name, path, user) for name, path, user in LEARNER_PAGES]
    for index, path in enumerate(course_paths(page)):
        paths.append((f"course-{index}", path, "learner"))
    return paths + quiz_screens


def _serious(page) -> list:
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def fresh_page(browser, live_site):
    contexts = []

    def make(user=None, language="th"):
        context = browser.new_context(base_url=live_site, locale="th-TH")
        context.add_cookies([{"name": "lms_language", "value": language, "url": live_site}])
        contexts.append(context)
        page = context.new_page()
        if user:
            sign_in(page, user)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def quiz_screens(browser, live_site, site_shell):
    """The quiz screens that need an attempt, of a learner of their own."""
    user = new_learner(site_shell, "quiz-screens")
    context = browser.new_context(base_url=live_site, locale="th-TH")
    try:
        page = context.new_page()
        sign_in(page, user)
        return quiz_attempt_paths(page, user)
    finally:
        context.close()


def test_pages_are_light_and_first_party(fresh_page, live_site, quiz_screens):
    host = urlparse(live_site).netloc
    for name, path, user in _all_paths(fresh_page(), quiz_screens):
        page = fresh_page(user)
        result = _measure(page, path)
        assert result["hosts"] == {host}, (name, result["hosts"])
        assert result["html"] <= MAX_HTML_BYTES, (name, result["html"])
        assert result["total"] <= MAX_TOTAL_BYTES, (name, result["total"], result["sizes"])


def test_static_files_are_compressed_and_cached_for_a_year(fresh_page):
    page = fresh_page()
    seen = []
    page.on("response", lambda response: seen.append(response))
    page.goto("/", wait_until="networkidle")
    static = [r for r in seen if "/static/" in r.url]
    assert static
    for response in static:
        assert "max-age=31536000" in response.headers.get("cache-control", ""), response.url
        if response.url.endswith((".css", ".js")):
            assert response.headers.get("content-encoding") in {"gzip", "br"}, response.url


@pytest.mark.parametrize("language", ["th", "en"])
def test_no_serious_accessibility_violations(fresh_page, quiz_screens, language):
    for name, path, user in _all_paths(fresh_page(), quiz_screens):
        page = fresh_page(user, language)
        page.goto(path)
        assert not _serious(page), (name, language, _serious(page))


@pytest.mark.parametrize("language", ["th", "en"])
def test_coordinator_admin_pages_pass_axe(fresh_page, language):
    """Our dashboard panel and reports, with Wagtail's admin around them: nothing excluded."""
    page = fresh_page("coordinator", language)
    for name, path, ours in COORDINATOR_ADMIN_PAGES:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(ours).first).to_be_visible()
        assert not _serious(page), (name, language, _serious(page))
