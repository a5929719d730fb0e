"""Reads for the showcase and the sales screens.

Totals are summed in the database, and photos, consent and renditions are fetched in
bulk, so a page costs the same number of queries for 3 products or 30 and for 10 sale
records or 1,000.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction

from communities.models import (
    CommunityPage,
    CommunityPerson,
    ConsentRecord,
    ConsentScope,
    ProductImage,
    ProductLesson,
    ProductPage,
    SaleChannel,
    SaleRecord,
    SaleRecordChange,
    SalesCampaign,
)
from communities.models.sales import SALE_HISTORY_FIELDS
from communities.provinces import PROVINCES
from communities.templatetags.showcase import baht
from home.dates import format_date


@dataclass
class ChannelTotal:
    channel: str
    label: str
    units: int


@dataclass
class CampaignProgress:
    """Units sold in a campaign against its target, for the progress bar."""

    campaign: SalesCampaign
    units_sold: int
    by_channel: list[ChannelTotal] = field(default_factory=list)
    by_product: list[ProductPage] = field(default_factory=list)
    # Units of products not shown (unpublished since they were sold).
    other_units: int = 0
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def target(self) -> int:
        return self.campaign.target_units

    @property
    def percent(self) -> int:
        """Share of the target reached, capped at 100 for the bar's width."""
        return min(100, round(100 * self.units_sold / self.target)) if self.target else 0

    @property
    def reached(self) -> bool:
        return self.units_sold >= self.target

    @property
    def units_to_go(self) -> int:
        return max(self.target - self.units_sold, 0)

    @property
    def days_left(self) -> int:
        return self.campaign.days_left(self.today)

    @property
    def has_started(self) -> bool:
        return self.campaign.has_started(self.today)

    @property
    def has_ended(self) -> bool:
        return self.campaign.has_ended(self.today)


def pick_campaign(
    campaigns: list[SalesCampaign], today: datetime.date | None = None
) -> SalesCampaign | None:
    """The campaign to show: the one running today, else the latest begun, else the next."""
    today = today or timezone.localdate()
    running = [c for c in campaigns if c.contains(today)]
    if running:
        return max(running, key=lambda c: c.start_date)
    begun = [c for c in campaigns if c.start_date <= today]
    if begun:
        return max(begun, key=lambda c: c.start_date)
    return min(campaigns, key=lambda c: c.start_date, default=None)


def showcase_campaign(community_id: int | None) -> SalesCampaign | None:
    if community_id is None:
        return None
    return pick_campaign(list(SalesCampaign.objects.filter(community_id=community_id)))


def _units_in(campaign: SalesCampaign | None, prefix: str = "sales__"):
    if campaign is None:
        return Value(0)
    return Coalesce(
        Sum(
            f"{prefix}quantity",
            filter=Q(**{f"{prefix}campaign": campaign, f"{prefix}deleted_at__isnull": True}),
        ),
        0,
    )


def public_images(queryset: QuerySet) -> QuerySet:
    """Gallery images without a person, or whose person consents to photos now."""
    return (
        queryset.filter(
            Q(person__isnull=True) | ConsentRecord.objects.active_for(ConsentScope.PHOTO, "person")
        )
        .select_related("image")
        .prefetch_related("image__renditions")
    )


def product_cards(
    community_page: CommunityPage, *, campaign: SalesCampaign | None
) -> list[ProductPage]:
    """Live products of a community with ``units_sold`` in ``campaign`` and ``public_images``."""
    return list(
        ProductPage.objects.child_of(community_page)
        .live()
        .public()
        .annotate(units_sold=_units_in(campaign))
        .prefetch_related(
            Prefetch(
                "gallery_images",
                queryset=public_images(ProductImage.objects.all()),
                to_attr="public_images",
            )
        )
        .order_by("path")
    )


def campaign_progress(
    campaign: SalesCampaign | None, *, products: list[ProductPage] = ()
) -> CampaignProgress | None:
    """Totals for ``campaign``: all units, per channel, and per product for ``products``.

    ``products`` must carry ``units_sold`` for this campaign (see ``product_cards``).
    """
    if campaign is None:
        return None
    rows = (
        SaleRecord.objects.current()
        .filter(campaign=campaign)
        .values("channel")
        .annotate(units=Sum("quantity"))
        .order_by()
    )
    units_by_channel = {row["channel"]: row["units"] for row in rows}
    units_sold = sum(units_by_channel.values())
    by_channel = [
        ChannelTotal(channel=value, label=label, units=units_by_channel.get(value, 0))
        for value, label in SaleChannel.choices
    ]
    return CampaignProgress(
        campaign=campaign,
        units_sold=units_sold,
        by_channel=by_channel,
        by_product=list(products),
        other_units=units_sold - sum(product.units_sold for product in products),
    )


def community_showcase(
    index_page, *, province: str = ""
) -> tuple[list[tuple[str, str]], list[CommunityPage]]:
    """Provinces that have communities, and the community pages (of ``province``) with progress.

    Each page carries ``progress`` (a ``CampaignProgress`` or ``None``).
    """
    pages = list(
        CommunityPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("community", "cover_photo")
        .prefetch_related("cover_photo__renditions")
        .order_by("community__province", "title")
    )
    present = {page.community.province for page in pages}
    labels = dict(PROVINCES)
    provinces = sorted(
        ((key, labels[key]) for key in present if key in labels), key=lambda item: str(item[1])
    )
    if province:
        pages = [page for page in pages if page.community.province == province]
    campaigns = defaultdict(list)
    for campaign in SalesCampaign.objects.filter(
        community_id__in=[page.community_id for page in pages]
    ).annotate(units_sold=_units_in_own_campaign()):
        campaigns[campaign.community_id].append(campaign)
    today = timezone.localdate()
    for page in pages:
        campaign = pick_campaign(campaigns[page.community_id], today)
        page.progress = (
            CampaignProgress(campaign=campaign, units_sold=campaign.units_sold, today=today)
            if campaign
            else None
        )
    return provinces, pages


def _units_in_own_campaign():
    return Coalesce(Sum("sales__quantity", filter=Q(sales__deleted_at__isnull=True)), 0)


def public_people(community_id: int) -> list[CommunityPerson]:
    """People of a community with their consent flags, for ``public_photo``/``public_contact``."""
    return list(
        CommunityPerson.objects.filter(community_id=community_id)
        .with_consent()
        .select_related("photo")
        .prefetch_related("photo__renditions")
    )


def public_gallery(product: ProductPage) -> list[ProductImage]:
    images = product.gallery_images.all()
    if isinstance(images, QuerySet):
        return list(public_images(images))
    # A preview of unsaved changes: the images are in memory, not yet in the database.
    return [image for image in images if image.is_public]


def product_units_sold(product: ProductPage, *, campaign: SalesCampaign | None) -> int:
    if campaign is None or product.pk is None:
        return 0
    return (
        SaleRecord.objects.current()
        .filter(campaign=campaign, product=product)
        .aggregate(units=Coalesce(Sum("quantity"), 0))["units"]
    )


def community_products(community_id: int) -> QuerySet:
    """Every product page of a community, published or not, for choosing in forms."""
    page = CommunityPage.objects.filter(community_id=community_id).first()
    if page is None:
        return ProductPage.objects.none()
    return ProductPage.objects.child_of(page).order_by("path")


def campaign_sales(campaign: SalesCampaign, *, limit: int = 50) -> list[SaleRecord]:
    """Latest sale records of a campaign for the coordinators' list."""
    return list(
        SaleRecord.objects.current()
        .filter(campaign=campaign)
        .select_related("product", "recorded_by")[:limit]
    )


def coordinated_campaigns(user) -> list[SalesCampaign]:
    """Campaigns of the communities ``user`` coordinates (all for superusers), with totals."""
    campaigns = SalesCampaign.objects.select_related("community").annotate(
        units_sold=_units_in_own_campaign()
    )
    if not user.is_superuser:
        campaigns = campaigns.filter(community__in=user.coordinated_communities.all())
    return list(campaigns.order_by("community__name", "-start_date"))


@dataclass
class ChangedValue:
    label: str
    old: str
    new: str


def _display_value(key: str, value) -> str:
    if value is None or value == "":
        return "—"
    if key == "sold_on":
        return format_date(datetime.date.fromisoformat(value))
    if key == "channel":
        return str(SaleChannel(value).label) if value in SaleChannel.values else value
    if key == "amount_baht":
        return baht(value)
    return str(value)


def sale_history(sale: SaleRecord) -> list[SaleRecordChange]:
    """A sale's changes, oldest first, each with ``values``: what changed, readable."""
    changes = list(sale.changes.select_related("changed_by"))
    for change in changes:
        keys = [
            key
            for key in SALE_HISTORY_FIELDS
            if key in change.old_values or key in change.new_values
        ]
        change.values = [
            ChangedValue(
                label=str(SaleRecord._meta.get_field(key).verbose_name),
                old=_display_value(key, change.old_values.get(key)),
                new=_display_value(key, change.new_values.get(key)),
            )
            for key in keys
        ]
    return changes


def _parent_title(model, ref: str = "path"):
    """A subquery: the title of the outer row's parent page, if it is a ``model``."""
    parent_path = Substr(OuterRef(ref), 1, Length(OuterRef(ref)) - model.steplen)
    return Subquery(model.objects.filter(path=parent_path).values("title")[:1])


LESSONS_WITH_PRODUCTS_KEY = "communities:lessons-with-products"


def lessons_with_products() -> frozenset[int]:
    """Ids of lessons linked from a live product, cached: most lessons have none, and
    their pages then spend no query on this section."""
    lesson_ids = cache.get(LESSONS_WITH_PRODUCTS_KEY)
    if lesson_ids is None:
        lesson_ids = frozenset(
            ProductLesson.objects.filter(product__live=True)
            .values_list("lesson_id", flat=True)
            .distinct()
        )
        # Publishing clears it in this process; the timeout bounds staleness in others
        # when the cache is per process (no Redis).
        cache.set(LESSONS_WITH_PRODUCTS_KEY, lesson_ids, 5 * 60)
    return lesson_ids


def forget_lessons_with_products() -> None:
    cache.delete(LESSONS_WITH_PRODUCTS_KEY)


def _view_restricted():
    """An ``Exists``: a view restriction sits on the outer page or one of its ancestors."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def products_for_lesson(lesson) -> list[ProductPage]:
    """Live, public products whose communities applied ``lesson``, each with
    ``community_name``, ``how_applied`` and ``public_images``, in a fixed number of queries."""
    if lesson.pk not in lessons_with_products():
        return []
    return list(
        ProductPage.objects.live()
        .filter(lesson_links__lesson=lesson)
        .exclude(_view_restricted())
        .annotate(
            community_name=_parent_title(CommunityPage),
            how_applied=F("lesson_links__how_applied"),
        )
        .prefetch_related(
            Prefetch(
                "gallery_images",
                queryset=public_images(ProductImage.objects.all()),
                to_attr="public_images",
            )
        )
        .order_by("path")
    )


def lessons_behind(product: ProductPage) -> list[ProductLesson]:
    """The lessons a product applied, each with ``course_title``; live lessons only."""
    from courses.models import CoursePage

    links = product.lesson_links.all()
    if isinstance(links, QuerySet):
        return list(
            links.filter(lesson__live=True)
            .select_related("lesson")
            .annotate(course_title=_parent_title(CoursePage, "lesson__path"))
        )
    # A preview of unsaved changes: the links are in memory, not yet in the database.
    return [link for link in links if link.lesson.live]
