"""Settings load in every mode, and production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def run_django(settings_module: str, code: str, **env) -> subprocess.CompletedProcess:
    clean_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"}
    }
    clean_env.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    script = f"import django; django.setup(); from django.conf import settings; {code}"
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("module", ["lms.settings.dev", "lms.settings.test"])
def test_settings_load(module):
    result = run_django(module, "print(settings.LANGUAGE_CODE, settings.TIME_ZONE)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["th", "Asia/Bangkok"]


def test_base_settings_are_safe():
    result = run_django(
        "lms.settings.base",
        "print(settings.DEBUG, settings.DEFAULT_AUTO_FIELD, settings.AUTH_USER_MODEL)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.models.BigAutoField", "accounts.User"]


def test_sqlite_is_the_default_in_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0], "
        "settings.DATABASES['default']['OPTIONS']['transaction_mode'])"
    )
    result = run_django("lms.settings.dev", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sqlite", "wal", "IMMEDIATE"]


def test_a_sqlite_database_url_keeps_wal_mode(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(connection.vendor, c.fetchone()[0], "
        "settings.DATABASES['default']['OPTIONS']['transaction_mode'])"
    )
    result = run_django(
        "lms.settings.dev", code, DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sqlite", "wal", "IMMEDIATE"]


def test_database_url_switches_to_postgresql():
    result = run_django(
        "lms.settings.dev",
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/somewhere",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "somewhere",
        "127.0.0.1",
    ]


def test_redis_url_switches_cache_and_sessions():
    result = run_django(
        "lms.settings.dev",
        "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_production_refuses_to_start_without_secret_key():
    result = run_django(
        "lms.settings.production", "print('started')", DJANGO_ALLOWED_HOSTS="learn.example.org"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_django("lms.settings.production", "print('started')", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_with_secrets_passes_deploy_check():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "k3y" * 12,
        DJANGO_ALLOWED_HOSTS="learn.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ssl_redirect_can_be_switched_off_behind_a_proxy():
    result = run_django(
        "lms.settings.production",
        "print(settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="learn.example.org",
        DJANGO_SECURE_SSL_REDIRECT="false",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
