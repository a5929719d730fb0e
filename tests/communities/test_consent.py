"""People's photos and contact details reach the public only with a consent in force."""

import pytest
from django.utils import timezone

from communities import services
from communities.models import ConsentMethod, ConsentScope, ProductImage
from tests.communities import factories as f
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home):
    community = f.make_community(name="กลุ่มทอผ้าตีนจกลับแล")
    page = f.make_community_page(f.make_index_page(home), community)
    person = f.make_person(
        community,
        name="นางบุญมี ทอผ้า",
        role="ประธานกลุ่มทอผ้า",
        photo=f.make_image("ภาพป้าบุญมี"),
        phone="089-111-2222",
        line_id="boonmee.weaver",
    )
    product = f.make_product(page, title="ผ้าตีนจกลับแล")
    product.gallery_images.add(
        ProductImage(image=f.make_image("ป้าบุญมีกำลังทอ"), alt_text="ป้าบุญมีทอผ้า", person=person)
    )
    product.gallery_images.add(ProductImage(image=f.make_image("ลายผ้า"), alt_text="ลายผ้าตีนจกสีแดง"))
    product.save_revision().publish()
    return {
        "community": community,
        "page": page,
        "person": person,
        "product": product,
        "coordinator": f.make_coordinator(community),
    }


def _give(setup, scope):
    return services.consent_give(
        person=setup["person"],
        scope=scope,
        given_on=timezone.localdate(),
        method=ConsentMethod.SIGNED_FORM,
        recorded_by=setup["coordinator"],
    )


def _withdraw(setup, scope):
    services.consent_withdraw(person=setup["person"], scope=scope, recorded_by=setup["coordinator"])


def test_without_consent_the_public_sees_the_name_but_no_photo_or_contact(client, setup):
    html = client.get(setup["page"].url).content.decode()
    assert "นางบุญมี ทอผ้า" in html
    assert "ประธานกลุ่มทอผ้า" in html
    assert "person__photo" not in html
    assert "089-111-2222" not in html
    assert "boonmee.weaver" not in html


@pytest.mark.parametrize("username", [None, "learner", "coordinator"])
def test_nobody_sees_unconsented_details_on_the_public_pages(client, setup, username):
    if username == "coordinator":
        client.force_login(setup["coordinator"])
    elif username:
        client.force_login(make_user(groups=["Learners"], community=setup["community"]))
    community_html = client.get(setup["page"].url).content.decode()
    product_html = client.get(setup["product"].url).content.decode()
    for html in (community_html, product_html):
        assert "089-111-2222" not in html
        assert "boonmee.weaver" not in html
    assert "ป้าบุญมีทอผ้า" not in product_html
    assert "ลายผ้าตีนจกสีแดง" in product_html


def test_consent_shows_and_withdrawal_hides_the_photo(client, setup):
    _give(setup, ConsentScope.PHOTO)
    community_html = client.get(setup["page"].url).content.decode()
    product_html = client.get(setup["product"].url).content.decode()
    assert "person__photo" in community_html
    assert 'alt="ป้าบุญมีทอผ้า"' in product_html
    # A photo consent does not publish the phone number.
    assert "089-111-2222" not in community_html

    _withdraw(setup, ConsentScope.PHOTO)
    assert "person__photo" not in client.get(setup["page"].url).content.decode()
    assert "ป้าบุญมีทอผ้า" not in client.get(setup["product"].url).content.decode()


def test_consent_shows_and_withdrawal_hides_the_contact_details(client, setup):
    _give(setup, ConsentScope.CONTACT)
    html = client.get(setup["page"].url).content.decode()
    assert 'href="tel:0891112222"' in html
    assert "boonmee.weaver" in html
    assert "person__photo" not in html

    _withdraw(setup, ConsentScope.CONTACT)
    html = client.get(setup["page"].url).content.decode()
    assert "089-111-2222" not in html
    assert "boonmee.weaver" not in html


def test_a_new_consent_after_withdrawal_publishes_again(client, setup):
    _give(setup, ConsentScope.CONTACT)
    _withdraw(setup, ConsentScope.CONTACT)
    _give(setup, ConsentScope.CONTACT)
    assert setup["person"].consents.count() == 2
    assert "089-111-2222" in client.get(setup["page"].url).content.decode()


def test_a_preview_of_unsaved_changes_also_hides_unconsented_photos(setup, rf):
    product = setup["product"]
    revision_page = product.get_latest_revision_as_object()
    request = rf.get(product.url)
    request.user = setup["coordinator"]
    context = revision_page.get_context(request)
    assert [image.alt_text for image in context["gallery"]] == ["ลายผ้าตีนจกสีแดง"]
