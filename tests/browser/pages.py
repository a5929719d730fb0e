"""Pages the browser tests visit for weight and accessibility checks."""

from playwright.sync_api import expect

QUIZ = "/courses/selling-online-facebook-line/practice-quiz/"

# (name, path, demo user or None)
LEARNER_PAGES = [
    ("home", "/", None),
    ("catalogue", "/courses/", None),
    ("sign-in", "/accounts/login/", None),
    ("not-found", "/no-such-page/", None),
    ("my-learning", "/my/", "learner"),
    ("sign-up", "/accounts/sign-up/", None),
    ("my-account", "/accounts/profile/", "learner"),
    ("change-password", "/accounts/password/", "learner"),
    ("kiosk-pin", "/accounts/profile/pin/", "learner"),
    ("coordinator", "/accounts/communities/", "coordinator"),
    ("verify-form", "/certificates/verify/", None),
    ("verify-unknown", "/certificates/verify/ABCDEFGHJKLM/", None),
    ("communities", "/communities/", None),
    ("community", "/communities/klumaembanekstrkrlabael/", None),
    ("product", "/communities/klumaembanekstrkrlabael/hmiphanlabael/", None),
    ("sales", "/sales/campaign/1/", "coordinator"),
    ("search", "/search/?q=%E0%B8%AA%E0%B8%B4%E0%B8%99%E0%B8%84%E0%B9%89%E0%B8%B2", None),
    ("quiz", QUIZ, "learner"),
]

# The coordinator's admin pages that are ours: the dashboard panel and the reports.
# (name, path, selector of our part that must be on the page)
COORDINATOR_ADMIN_PAGES = [
    ("admin-dashboard", "/admin/", ".reports-dashboard"),
    ("report-course-completion", "/admin/reports/course-completion/", "table.listing"),
    ("report-learner-progress", "/admin/reports/learner-progress/", "table.listing"),
    ("report-quiz-items", "/admin/reports/quiz-items/", "table.listing"),
    ("report-sales", "/admin/reports/sales/", "table.listing"),
]


def course_paths(page) -> list[str]:
    """The first demo course and its first lesson, found through the catalogue."""
    page.goto("/courses/")
    links = page.locator(".course-card a")
    if not links.count():
        return []
    course = links.first.get_attribute("href")
    page.goto(course)
    steps = page.locator(".outline a")
    return [course, steps.first.get_attribute("href")] if steps.count() else [course]


def quiz_attempt_paths(page, user: str) -> list[tuple[str, str, str]]:
    """A question, the review and a result of the practice quiz, as ``user`` (signed in on
    ``page``, in Thai, with no attempt yet) reaches them: one attempt handed in, one open."""
    page.goto(QUIZ)
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    expect(page.locator("fieldset.question")).to_be_visible()
    page.get_by_role("button", name="ตรวจทานและส่งคำตอบ").click()
    page.get_by_role("button", name="ส่งคำตอบ", exact=True).click()
    expect(page.locator(".quiz-result__score")).to_be_visible()
    result = page.url

    page.goto(QUIZ)
    page.get_by_role("button", name="ทำอีกครั้ง").click()
    expect(page.locator("fieldset.question")).to_be_visible()
    question = page.url
    page.get_by_role("button", name="ตรวจทานและส่งคำตอบ").click()
    expect(page.get_by_role("button", name="ส่งคำตอบ", exact=True)).to_be_visible()
    review = page.url
    return [
        ("quiz-question", question, user),
        ("quiz-review", review, user),
        ("quiz-result", result, user),
    ]
