import pytest

from tests import factories


@pytest.fixture
def home(db):
    return factories.home_page()


@pytest.fixture
def user(db):
    return factories.make_user()


@pytest.fixture
def superuser(db):
    return factories.make_superuser(username="root")


@pytest.fixture
def thai(client):
    """The test client reading the site in Thai (the default)."""
    client.cookies["lms_language"] = "th"
    return client


@pytest.fixture
def english(client):
    client.cookies["lms_language"] = "en"
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """The cache outlives each test's database transaction; start every test with it empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
