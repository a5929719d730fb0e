from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.services import pin_set
from home.demo import DEMO_PASSWORD

# username: (display name, groups, is_superuser)
ACCOUNTS = {
    "admin": ("ผู้ดูแลระบบ", [], True),
    "expert": ("อาจารย์สมศรี ใจดี", ["Experts"], False),
    "coordinator": ("คุณวิภา ประสานงาน", ["Coordinators"], False),
    "learner": ("นางสาวมาลี ศรีสุข", ["Learners"], False),
    "learner2": ("นายสมชาย ทองดี", ["Learners"], False),
}

# Kiosk PINs are personal; only this demo learner has one (see README, demo logins).
DEMO_PINS = {"learner": "2569"}


def load(ctx: dict) -> None:
    User = get_user_model()
    users = {}
    for username, (display_name, group_names, is_superuser) in ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": display_name},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.display_name = display_name
        user.is_superuser = is_superuser
        user.is_staff = is_superuser
        user.save()
        # Groups come from each domain's data migration; attach those that exist.
        user.groups.add(*Group.objects.filter(name__in=group_names))
        users[username] = user
    for username, pin in DEMO_PINS.items():
        if not users[username].check_pin(pin):
            pin_set(user=users[username], pin=pin)
    ctx["users"] = users


def reset() -> None:
    get_user_model().objects.filter(username__in=ACCOUNTS).delete()
