"""Demo content for trying the site and for the smoke tests.

Each domain has a module here with ``load(ctx)`` (idempotent: it looks objects up
before creating them) and optionally ``reset()``. ``ctx`` is a dict that carries what
earlier modules built (users, pages) to later ones.
"""

from importlib import import_module

DEMO_PASSWORD = "library2569"

DEMO_USERS = ["admin", "expert", "coordinator", "learner", "learner2"]

# Order matters: later modules use what earlier ones made.
MODULES = [
    "home.demo.accounts",
    "home.demo.site",
    "home.demo.courses",
    "home.demo.quizzes",
    "home.demo.progress",
    "home.demo.certificates",
    "home.demo.communities",
]


def load(*, stdout=None) -> dict:
    ctx: dict = {"stdout": stdout}
    for name in MODULES:
        import_module(name).load(ctx)
    return ctx


def reset() -> None:
    for name in reversed(MODULES):
        module = import_module(name)
        if hasattr(module, "reset"):
            module.reset()
