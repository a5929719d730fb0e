"""A coordinator of two communities opens each report, narrows it to one community with the
report's own filter, and downloads the Excel file of exactly what is on screen."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

CHOSEN = "กลุ่มแม่บ้านเกษตรกรลับแล"
OTHER = "กลุ่มสินค้าชุมชนไชยาและพุมเรียง"
OTHER_LEARNER = "report-chaiya"
COMMUNITY_HEADING = "ชุมชน"

# (path, heading, export file name, headings that must be in the file)
REPORTS = [
    (
        "/admin/reports/course-completion/",
        "การเรียนจบหลักสูตรแยกตามชุมชน",
        "course-completion",
        ["ชุมชน", "หลักสูตร", "ลงทะเบียนเรียน", "เรียนจบแล้ว"],
    ),
    (
        "/admin/reports/learner-progress/",
        "ความก้าวหน้าของผู้เรียน",
        "learner-progress",
        ["ผู้เรียน", "ชุมชน", "หลักสูตร", "สถานะ"],
    ),
    (
        "/admin/reports/sales/",
        "ยอดขายและการเรียนแยกตามชุมชน",
        "sales",
        ["ชุมชน", "แคมเปญ", "จำนวนที่ขายได้"],
    ),
]
QUIZ_ITEMS = "/admin/reports/quiz-items/"


@pytest.fixture(scope="module")
def two_communities(site_shell):
    """The demo coordinator also coordinates a second community, where a learner has finished
    a course and its quiz, so a filter has something to leave out."""
    site_shell(
        "from django.contrib.auth.models import Group; from accounts.models import User; "
        "from communities.models import Community; from courses.models import CoursePage; "
        "from home.demo.progress import COURSE_2, complete_course; "
        f"other = Community.objects.get(name={OTHER!r}); "
        "other.coordinators.add(User.objects.get(username='coordinator')); "
        f"User.objects.filter(username={OTHER_LEARNER!r}).delete(); "
        f"u = User.objects.create_user({OTHER_LEARNER!r}, password='library2569', "
        "display_name='ผู้เรียน ไชยา', community=other); "
        "u.groups.add(Group.objects.get(name='Learners')); "
        "complete_course(u, CoursePage.objects.get(title=COURSE_2))"
    )
    yield
    site_shell(
        "from accounts.models import User; from communities.models import Community; "
        f"User.objects.filter(username={OTHER_LEARNER!r}).delete(); "
        f"Community.objects.get(name={OTHER!r}).coordinators.remove("
        "User.objects.get(username='coordinator'))"
    )


def column(page, heading: str):
    """The cells of the on-screen report column with this heading."""
    headings = [text.strip() for text in page.locator("table.listing thead th").all_inner_texts()]
    index = headings.index(heading) + 1
    return page.locator(f"table.listing tbody tr td:nth-child({index})")


def filter_by_community(page, name: str) -> None:
    """Wagtail's filter drill-down in the report header; the table refreshes in place."""
    page.get_by_role("button", name="แสดงตัวกรอง").click()
    filters = page.locator("#filters-drilldown")
    filters.get_by_role("button", name="ชุมชน", exact=True).click()
    filters.get_by_label("ชุมชน", exact=True).select_option(label=name)
    expect(page).to_have_url(re.compile(r"[?&]community=\d+"))
    expect(page.locator("#listing-results")).to_contain_text(f"ชุมชน: {name}")
    page.keyboard.press("Escape")


def download_xlsx(page, export_filename: str):
    """The XLSX download in the header's actions menu; the sheet's rows as lists."""
    page.get_by_role("button", name="คำสั่ง").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="ดาวน์โหลด XLSX").click()
    download = download_info.value
    assert re.fullmatch(rf"{export_filename}-\d{{4}}-\d\d-\d\d\.xlsx", download.suggested_filename)
    # openpyxl goes by the file name's extension, which Playwright's download file lacks.
    data = io.BytesIO(Path(download.path()).read_bytes())
    sheet = openpyxl.load_workbook(data, read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows, "the file is empty"
    return rows


@pytest.mark.parametrize(
    ("path", "title", "export_filename", "headings"), REPORTS, ids=[r[2] for r in REPORTS]
)
def test_report_filtered_by_community_and_downloaded(
    page, two_communities, path, title, export_filename, headings
):
    sign_in(page, "coordinator", next_url=path)
    expect(page.locator("h1")).to_have_text(title)
    shown = {text.strip() for text in column(page, COMMUNITY_HEADING).all_inner_texts()}
    assert {CHOSEN, OTHER} <= shown

    filter_by_community(page, CHOSEN)
    cells = column(page, COMMUNITY_HEADING)
    expect(cells.filter(has_not_text=CHOSEN)).to_have_count(0)
    expect(cells.first).to_have_text(CHOSEN)
    screenshot(page, f"report-{export_filename}")

    header, *rows = download_xlsx(page, export_filename)
    for heading in headings:
        assert heading in header, (heading, header)
    community = header.index(COMMUNITY_HEADING)
    assert rows
    assert {row[community] for row in rows} == {CHOSEN}


def test_quiz_item_report_filtered_by_community_and_downloaded(page, two_communities):
    sign_in(page, "coordinator", next_url=QUIZ_ITEMS)
    expect(page.locator("h1")).to_have_text("วิเคราะห์ข้อสอบรายข้อ")
    header, *everyone = download_xlsx(page, "quiz-items")
    page.keyboard.press("Escape")

    filter_by_community(page, CHOSEN)
    expect(column(page, "จำนวนครั้งที่ตอบ").first).to_have_text(re.compile(r"^\s*\d+\s*$"))
    screenshot(page, "report-quiz-items")

    header, *rows = download_xlsx(page, "quiz-items")
    for heading in ("แบบทดสอบ", "คำถาม", "จำนวนครั้งที่ตอบ", "ตอบถูก"):
        assert heading in header, (heading, header)
    attempts, correct = header.index("จำนวนครั้งที่ตอบ"), header.index("ตอบถูก")
    assert rows
    for row in rows:
        assert isinstance(row[attempts], int) and row[attempts] > 0, row
        assert isinstance(row[correct], int) and 0 <= row[correct] <= row[attempts], row
    # The other community's learner answered too: the filtered file counts fewer answers.
    assert sum(row[attempts] for row in rows) < sum(row[attempts] for row in everyone)
