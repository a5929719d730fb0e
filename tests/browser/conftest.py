"""A real site (migrated, demo data, collected static files) served on loopback, and Chromium.

The server runs in its own process with its own SQLite database, as a library would run it;
Playwright drives Debian's Chromium (its own browser download is not used).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = BASE_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    # LMS_BROWSER_WORKDIR keeps the prepared site between runs while writing tests.
    kept = os.environ.get("LMS_BROWSER_WORKDIR")
    workdir = Path(kept) if kept else tmp_path_factory.mktemp("browser-site")
    workdir.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.browser.settings",
        LMS_BROWSER_DB=str(workdir / "db.sqlite3"),
        LMS_BROWSER_MEDIA=str(workdir / "media"),
        LMS_BROWSER_STATIC=str(workdir / "static"),
        LMS_BROWSER_BASE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    return {"env": env, "port": port, "workdir": workdir}


def manage(site_env, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=site_env["env"],
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


@pytest.fixture(scope="session")
def live_site(site_env):
    """Base URL of the running site."""
    prepared = site_env["workdir"] / "prepared"
    if not prepared.exists():
        for command in (
            ["migrate", "--noinput"],
            ["load_demo_data"],
            ["collectstatic", "--noinput", "--verbosity", "0"],
        ):
            manage(site_env, *command)
        prepared.touch()
    port = site_env["port"]
    log = open(site_env["workdir"] / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"],
        cwd=BASE_DIR,
        env=site_env["env"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base_url + "/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(
                    "the test site did not start:\n"
                    + (site_env["workdir"] / "server.log").read_text()
                ) from None
            time.sleep(0.3)
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def site_shell(site_env, live_site):
    """Run Python in the site's own process environment (its database, its settings)."""

    def run(code: str) -> str:
        return manage(site_env, "shell", "--no-imports", "-c", code).stdout.strip()

    return run


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_site):
    context = browser.new_context(
        base_url=live_site, locale="th-TH", viewport={"width": 1366, "height": 768}
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/screenshots/."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, username: str, password: str = "library2569", next_url: str = "/"):
    page.goto(f"/accounts/login/?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    # Wait for the redirect after signing in, so the next goto() does not race it.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def new_learner(site_shell, username: str, password: str = "library2569") -> str:
    """A fresh learner for one test, so journeys depend neither on each other nor on reruns."""
    site_shell(
        "from django.contrib.auth.models import Group; from accounts.models import User; "
        f"User.objects.filter(username={username!r}).delete(); "
        f"u = User.objects.create_user({username!r}, password={password!r}, "
        f"display_name='ผู้เรียน {username}'); "
        "u.groups.add(Group.objects.get(name='Learners'))"
    )
    return username


def age_session(site_shell, context, seconds: int) -> None:
    """Move the server's idle clock back, as if the browser had been left alone."""
    key = next(c["value"] for c in context.cookies() if c["name"] == "sessionid")
    site_shell(
        "from importlib import import_module; from django.conf import settings; "
        f"s = import_module(settings.SESSION_ENGINE).SessionStore(session_key={key!r}); "
        f"s['lms_last_seen'] = s['lms_last_seen'] - {seconds}; s.save()"
    )


def ensure_community(site_shell, name: str, coordinator: str | None = None) -> str:
    """A community to join at sign-up or to register learners in, whatever the demo holds."""
    code = (
        "from accounts.models import User; from communities.models import Community; "
        f"c, _ = Community.objects.get_or_create(name={name!r}, "
        "defaults={'province': 'khon-kaen'})"
    )
    if coordinator:
        code += f"; c.coordinators.add(User.objects.get(username={coordinator!r}))"
    site_shell(code)
    return name
