"""Pages the browser tests visit for weight and accessibility checks."""

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
