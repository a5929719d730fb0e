"""Small factory functions for test data. Each returns a saved object."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from home.models import HomePage

_counter = itertools.count(1)
PASSWORD = "correct-horse-2569"


def make_user(*, username: str | None = None, groups: list[str] = (), **fields):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        display_name=fields.pop("display_name", f"ผู้เรียน ทดสอบ {n}"),
        **fields,
    )
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def make_superuser(**fields):
    return make_user(is_superuser=True, is_staff=True, **fields)


def home_page() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific
