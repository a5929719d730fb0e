"""load_demo_data builds the site twice to the same result, and every page answers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page

from home import demo

BASE_DIR = Path(__file__).resolve().parents[2]


def _model_counts() -> dict[str, int]:
    """Row count of every project model and of Wagtail pages."""
    counts = {"wagtail.Page": Page.objects.count()}
    for app_label in (
        "accounts",
        "home",
        "courses",
        "quizzes",
        "certificates",
        "communities",
        "reports",
    ):
        for model in apps.get_app_config(app_label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts


@pytest.mark.django_db
def test_load_demo_data_is_idempotent():
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    first = _model_counts()
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    assert _model_counts() == first
    call_command("load_demo_data", "--reset", stdout=open(os.devnull, "w"))
    assert _model_counts() == first


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_the_documented_password(client):
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    for username in demo.DEMO_USERS:
        assert client.login(username=username, password=demo.DEMO_PASSWORD), username
        client.logout()


def _live_page_urls() -> list[str]:
    return [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]


@pytest.mark.django_db
def test_every_live_page_answers_for_everyone(client):
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    urls = _live_page_urls()
    assert urls
    User = apps.get_model("accounts.User")
    for username in [None, *demo.DEMO_USERS]:
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (username, url, response.status_code)


def test_demo_data_refuses_to_run_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="learn.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo_data"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "not allowed" in result.stderr
