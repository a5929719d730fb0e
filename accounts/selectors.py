"""Reads for accounts: who is a learner, whose learners a coordinator may manage."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from accounts.models import COORDINATORS, EXPERTS, LEARNERS, KioskSettings
from communities.models import Community

User = get_user_model()


def learners() -> QuerySet:
    """Accounts in the Learners group that hold no other role.

    Coordinators may reset these accounts' passwords, so anyone with more power than a
    learner (staff, experts, coordinators) is left out.
    """
    return (
        User.objects.filter(groups__name=LEARNERS, is_staff=False, is_superuser=False)
        .exclude(groups__name__in=[EXPERTS, COORDINATORS])
        .distinct()
    )


def coordinated_communities(user) -> QuerySet:
    """Communities whose learners ``user`` manages: their own, or all for superusers."""
    if not user.is_authenticated:
        return Community.objects.none()
    if user.is_superuser:
        return Community.objects.all()
    return user.coordinated_communities.all()


def coordinated_communities_with_counts(user) -> QuerySet:
    return coordinated_communities(user).annotate(
        learner_count=Count("members", filter=Q(members__groups__name=LEARNERS), distinct=True)
    )


def managed_learners(user) -> QuerySet:
    """Learners of the communities ``user`` coordinates."""
    return learners().filter(community__in=coordinated_communities(user))


def community_learners(community) -> QuerySet:
    return learners().filter(community=community).order_by("display_name", "username")


def pin_sign_in_enabled(community) -> bool:
    return not KioskSettings.objects.filter(community=community, pin_sign_in_enabled=False).exists()


def kiosk_learners(community) -> QuerySet:
    """The names shown as buttons on a kiosk: active learners who have set a PIN."""
    return (
        community_learners(community)
        .filter(is_active=True)
        .exclude(pin_hash="")
        .only("pk", "display_name", "username")
    )
