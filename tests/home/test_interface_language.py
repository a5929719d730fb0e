"""Each language reads as that language: no English left on Thai pages, no Thai on English ones.

The pages' own content (titles, lesson text, names) is written in one language for both,
so it is taken out first; what remains is the interface: header, menus, footer, forms,
buttons, messages and labels.
"""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Page, Site

from home.search.results import page_text
from tests import factories as shared_factories
from tests.home import factories

# Names that are the same in both languages.
BRANDS = ["Relearning Space@Library", "Local Alike", "Facebook", "LINE", "English", "ไทย"]
# What a learner typed is content too.
SEARCH_WORD = "บรรจุภัณฑ์"
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
THAI = re.compile(r"[\u0E00-\u0E7F]")


class InterfaceText(HTMLParser):
    """Visible text nodes and the text of labelling attributes."""

    SKIP = {"script", "style", "template"}
    ATTRIBUTES = {"aria-label", "placeholder", "title"}

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        self.texts += [value for name, value in attrs if name in self.ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def content_strings() -> list[str]:
    """Everything editors and learners wrote: page fields, site settings, user names."""
    from django.contrib.auth import get_user_model

    from home.models import SiteSettings

    strings = []
    for page in Page.objects.specific():
        strings += [page.title, page.seo_title, page.search_description, *page_text(page)]
        if isinstance(intro := getattr(page, "intro", ""), str):
            strings.append(intro)
    for site in Site.objects.all():
        settings = SiteSettings.for_site(site)
        strings += [settings.site_name, settings.tagline, site.site_name]
    for user in get_user_model().objects.all():
        strings += [user.get_short_name(), user.get_username()]
    strings = [" ".join(re.sub(r"<[^>]+>", " ", s).split()) for s in strings if s]
    return sorted({s for s in strings if s}, key=len, reverse=True)


def interface_words(html: str, content: list[str]) -> list[str]:
    corpus = "\n".join(content)
    parser = InterfaceText()
    parser.feed(html)
    remaining = []
    for text in parser.texts:
        if text in corpus:
            continue
        for piece in [*content, *BRANDS]:
            text = text.replace(piece, " ")
        if text.strip():
            remaining.append(text.strip())
    return remaining


@pytest.fixture
def site_pages(db):
    course = factories.course(
        title="ขายสินค้าชุมชนออนไลน์",
        summary="เรียนรู้การเปิดร้านบนเฟซบุ๊ก",
        learning_outcomes="ถ่ายรูปสินค้าได้\nตั้งราคาขายได้",
    )
    lesson = factories.lesson(
        course, title="ออกแบบบรรจุภัณฑ์", text="<p>บรรจุภัณฑ์ที่ดีบอกเรื่องราวของชุมชน</p>"
    )
    learner = shared_factories.make_user(username="somsri", groups=["Learners"])
    return {
        "home": ("/", None),
        "catalogue": (course.get_parent().url, None),
        "course": (course.url, None),
        "course signed in": (course.url, learner),
        "lesson": (lesson.url, None),
        "lesson signed in": (lesson.url, learner),
        "sign-in": ("/accounts/login/", None),
        "sign-in error": ("/accounts/login/", "bad-password"),
        "not found": ("/no-such-page/", None),
        "search": (f"/search/?q={SEARCH_WORD}", None),
        "search empty": ("/search/", None),
        "search junk": ("/search/?q=%21%21", None),
    }


def fetch(client, url, who, language):
    client.logout()  # this also forgets the cookies
    client.cookies["lms_language"] = language
    if who == "bad-password":
        return client.post(url, {"username": "somsri", "password": "wrong"})
    if who is not None:
        client.force_login(who)
    return client.get(url)


@pytest.mark.parametrize("language", ["th", "en"])
def test_interface_is_in_one_language(client, site_pages, language):
    content = [*content_strings(), SEARCH_WORD]
    problems = {}
    for name, (url, who) in site_pages.items():
        response = fetch(client, url, who, language)
        assert response.status_code in {200, 404}, (name, response.status_code)
        words = interface_words(response.content.decode(), content)
        if language == "th":
            wrong = [text for text in words if LATIN_WORD.search(text)]
        else:
            wrong = [text for text in words if THAI.search(text)]
        if wrong:
            problems[name] = wrong
    assert not problems
