"""Experts meet the Wagtail admin in Thai: locale_wagtail/ fills and fixes Wagtail's Thai."""

import html
import json
import re
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.translations import po_files
from tests.home import factories

ADMIN_CATALOGUE = Path(settings.BASE_DIR) / "locale_wagtail" / "th" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def wagtail_msgids() -> set[tuple[str | None, str]]:
    root = Path(wagtail.__file__).parent
    return {
        (entry.msgctxt, entry.msgid)
        for path in root.glob("**/locale/en/LC_MESSAGES/django.po")
        for entry in polib.pofile(str(path))
    }


def test_admin_catalogue_is_compiled_and_checked_with_the_others():
    assert ADMIN_CATALOGUE in po_files()
    assert len(polib.pofile(str(ADMIN_CATALOGUE))) >= 150


def test_admin_catalogue_only_holds_wagtail_strings():
    """After a Wagtail upgrade, strings Wagtail no longer uses show up here."""
    known = wagtail_msgids()
    catalogue = polib.pofile(str(ADMIN_CATALOGUE))
    stale = [e.msgid for e in catalogue if (e.msgctxt, e.msgid) not in known]
    assert not stale


def test_admin_translations_keep_their_placeholders():
    for entry in polib.pofile(str(ADMIN_CATALOGUE)):
        allowed = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            assert set(PLACEHOLDER.findall(text)) <= allowed, entry.msgid


def test_admin_catalogue_does_not_change_the_apps_own_words():
    """LOCALE_PATHS win over app catalogues, so a shared msgid must read the same."""
    admin = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(ADMIN_CATALOGUE))}
    for path in po_files():
        if path == ADMIN_CATALOGUE or path.parts[-3] != "th":
            continue
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if key in admin and not entry.msgid_plural:
                assert admin[key] == entry.msgstr, (str(path), entry.msgid)


@pytest.fixture
def lesson(db):
    course = factories.course(title="ขายสินค้าออนไลน์")
    return factories.lesson(course, title="ออกแบบบรรจุภัณฑ์")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_page_editor_speaks_thai(admin_client, lesson):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    text = response.content.decode()
    for thai in [
        "เนื้อหา",  # Content tab (Wagtail's own)
        "โปรโมต",  # Promote tab, corrected spelling
        "บันทึกฉบับร่าง",  # Save draft
        "ดูตัวอย่าง",  # Preview, corrected
        "สำหรับเครื่องมือค้นหา",  # For search engines
        "สำหรับเมนูของเว็บไซต์",  # For site menus
        "ชื่อในลิงก์ (slug)",
        "เปิด/ปิดแผงด้านข้าง",  # Toggle side panel
    ]:
        assert thai in text, thai
    for english in ["For search engines", "Toggle side panel", "Preview in new tab"]:
        assert english not in text


def test_validation_errors_are_explained_in_thai(admin_client, lesson):
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        {"title": "", "slug": lesson.slug, "estimated_minutes": "0", "body-count": "0"},
    )
    assert response.status_code == 200
    assert "บันทึกหน้าไม่ได้ เพราะข้อมูลบางช่องไม่ถูกต้อง" in response.content.decode()


def messages_text(response) -> str:
    """The admin's messages as the editor reads them (Wagtail stores them as HTML)."""
    return " ".join(html.unescape(str(m.message)) for m in response.context["messages"])


def test_saving_and_publishing_are_confirmed_in_thai(admin_client, lesson):
    url = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": 15,
            "body": streamfield([("paragraph", rich_text("<p>อ่านให้จบแล้วลองทำตาม</p>"))]),
            "comments": inline_formset([]),
        }
    )
    saved = admin_client.post(url, data, follow=True)
    published = admin_client.post(url, {**data, "action-publish": "publish"}, follow=True)
    assert "บันทึกหน้า 'ออกแบบบรรจุภัณฑ์' แล้ว" in messages_text(saved)
    assert "เผยแพร่หน้า 'ออกแบบบรรจุภัณฑ์' แล้ว" in messages_text(published)


def test_choosing_a_page_type_links_to_pages_of_that_type_in_thai(admin_client, lesson):
    response = admin_client.get(
        reverse("wagtailadmin_pages:add_subpage", args=[lesson.get_parent().pk])
    )
    assert "หน้าที่ใช้แบบ บทเรียน" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "thai"),
    [
        ("wagtailimages:index", "รูปภาพ"),
        ("wagtaildocs:index", "เอกสาร"),
        ("wagtailadmin_home", "คู่มือผู้แก้ไข Wagtail"),
    ],
)
def test_media_listings_and_dashboard_speak_thai(admin_client, lesson, url_name, thai):
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200
    assert thai in response.content.decode()


@pytest.mark.parametrize(("language", "expected"), [("th", "5\xa0นาที"), ("en", "5\xa0minutes")])
def test_time_since_is_in_one_language(language, expected):
    """Admin listings say "5 minutes ago": the units come from Django, which has no Thai."""
    import datetime

    from django.utils import timezone, translation
    from django.utils.timesince import timesince

    with translation.override(language):
        assert timesince(timezone.now() - datetime.timedelta(minutes=5, seconds=3)) == expected


ADMIN_JS_CATALOGUE = ADMIN_CATALOGUE.with_name("djangojs.po")


def test_admin_script_strings_are_thai(client, superuser):
    """The rich-text editor's prompt and block menu come from the admin's JavaScript catalogue."""
    client.force_login(superuser)
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    # The catalogue is JSON inside a script, with non-ASCII text escaped.
    for text in ("แทรกบล็อก", "พิมพ์ข้อความ หรือพิมพ์ ‘/’ เพื่อแทรกบล็อก"):
        assert json.dumps(text) in catalogue


def test_admin_script_catalogue_holds_only_wagtail_strings_with_their_placeholders():
    root = Path(wagtail.__file__).parent
    known = {
        entry.msgid
        for path in root.glob("**/locale/en/LC_MESSAGES/djangojs.po")
        for entry in polib.pofile(str(path))
    }
    catalogue = polib.pofile(str(ADMIN_JS_CATALOGUE))
    assert ADMIN_JS_CATALOGUE in po_files()
    assert [entry.msgid for entry in catalogue if entry.msgid not in known] == []
    for entry in catalogue:
        allowed = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            assert text, entry.msgid
            assert set(PLACEHOLDER.findall(text)) <= allowed, entry.msgid
