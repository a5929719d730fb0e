"""Factories for communities, showcase pages and sales. Each returns a saved object."""

import datetime
import itertools

from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from communities.models import (
    Community,
    CommunityIndexPage,
    CommunityPage,
    CommunityPerson,
    ProductImage,
    ProductPage,
    SaleChannel,
    SaleRecord,
    SalesCampaign,
)
from tests.factories import make_user

_counter = itertools.count(1)


def make_community(*, name: str | None = None, province: str = "uttaradit", **fields):
    n = next(_counter)
    return Community.objects.create(name=name or f"ชุมชนทดสอบ {n}", province=province, **fields)


def make_coordinator(community: Community | None = None, **fields):
    user = make_user(groups=["Coordinators"], **fields)
    if community is not None:
        community.coordinators.add(user)
    return user


def make_index_page(home, **fields) -> CommunityIndexPage:
    existing = CommunityIndexPage.objects.first()
    if existing is not None:
        return existing
    return home.add_child(instance=CommunityIndexPage(title="ชุมชนและสินค้า", **fields))


def make_community_page(index, community: Community, **fields) -> CommunityPage:
    fields.setdefault("title", community.name)
    return index.add_child(instance=CommunityPage(community=community, **fields))


def make_product(community_page: CommunityPage, **fields) -> ProductPage:
    n = next(_counter)
    fields.setdefault("title", f"สินค้าทดสอบ {n}")
    fields.setdefault("short_description", "ของดีประจำหมู่บ้าน")
    fields.setdefault("price_baht", 120)
    fields.setdefault("unit", "ถุง")
    images = fields.pop("images", [])
    product = ProductPage(**fields)
    for image in images:
        product.gallery_images.add(ProductImage(image=image, alt_text=f"ภาพ {product.title}"))
    return community_page.add_child(instance=product)


def make_image(title: str = "ภาพทดสอบ") -> Image:
    return Image.objects.create(title=title, file=get_test_image_file(size=(48, 36)))


def make_campaign(community: Community, **fields) -> SalesCampaign:
    today = timezone.localdate()
    fields.setdefault("name", "รอบขายออนไลน์")
    fields.setdefault("start_date", today - datetime.timedelta(days=10))
    fields.setdefault("end_date", fields["start_date"] + datetime.timedelta(days=60))
    return SalesCampaign.objects.create(community=community, **fields)


def make_sales(campaign: SalesCampaign, product: ProductPage, count: int, *, quantity: int = 1):
    """``count`` sale records in bulk (bypassing services, for volume tests)."""
    channels = itertools.cycle(SaleChannel.values)
    SaleRecord.objects.bulk_create(
        SaleRecord(
            campaign=campaign,
            product=product,
            sold_on=campaign.start_date,
            quantity=quantity,
            channel=next(channels),
        )
        for _ in range(count)
    )


def make_person(community: Community, **fields) -> CommunityPerson:
    fields.setdefault("name", "นางบุญมี ทอผ้า")
    return CommunityPerson.objects.create(community=community, **fields)
