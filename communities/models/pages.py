from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from communities.blocks import StoryBlock
from communities.contact import (
    ContactChannels,
    validate_facebook_url,
    validate_line_id,
    validate_phone,
)
from communities.models.communities import Community, ConsentScope
from communities.provinces import PROVINCES
from home.models import BasePage

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class CommunityIndexPage(BasePage):
    """All communities and their products, filterable by province."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    class Meta:
        verbose_name = _("community index page")

    def get_context(self, request, *args, **kwargs):
        from communities import selectors

        context = super().get_context(request, *args, **kwargs)
        province = request.GET.get("province", "")
        if province not in dict(PROVINCES):
            province = ""
        provinces, community_pages = selectors.community_showcase(self, province=province)
        context.update(provinces=provinces, province=province, community_pages=community_pages)
        return context


class CommunityPage(BasePage):
    """One community: its story, its people, how to buy, its products and its sales."""

    community = models.OneToOneField(
        Community, on_delete=models.PROTECT, related_name="page", verbose_name=_("community")
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown on the list of communities."),
    )
    cover_photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
        help_text=_(
            "A photo of the place or the products. Its description is used as alt text. "
            "Photos of people belong in the people section, where their consent is recorded."
        ),
    )
    story = StreamField(StoryBlock(), blank=True, verbose_name=_("story"))
    facebook_url = models.URLField(
        _("Facebook Page"), blank=True, validators=[validate_facebook_url]
    )
    line_id = models.CharField(
        _("LINE Official Account ID"),
        max_length=31,
        blank=True,
        validators=[validate_line_id],
        help_text=_("For example @laplaefood. Shown as an add-friend link and a QR code."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text=_(
            "The group's or shop's shared number. A person's own number goes in the people "
            "section, published with their consent."
        ),
    )
    how_to_buy = models.TextField(
        _("how to buy"),
        blank=True,
        help_text=_("Ordering, payment and delivery, in a few lines. Products can override it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("community"),
        FieldPanel("summary"),
        FieldPanel("cover_photo"),
        FieldPanel("story"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("line_id"),
                FieldPanel("phone"),
                FieldPanel("how_to_buy"),
            ],
            heading=_("contact and how to buy"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("story"),
    ]

    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = ["communities.ProductPage"]

    class Meta:
        verbose_name = _("community page")

    @property
    def contact(self) -> ContactChannels:
        return ContactChannels(
            facebook_url=self.facebook_url,
            line_id=self.line_id,
            phone=self.phone,
            how_to_buy=self.how_to_buy,
        )

    def get_context(self, request, *args, **kwargs):
        from communities import selectors

        context = super().get_context(request, *args, **kwargs)
        campaign = selectors.showcase_campaign(self.community_id)
        products = selectors.product_cards(self, campaign=campaign)
        user = getattr(request, "user", None)
        is_coordinator = bool(
            user and user.is_authenticated and user.is_coordinator_of(self.community)
        )
        context.update(
            products=products,
            progress=selectors.campaign_progress(campaign, products=products),
            people=selectors.public_people(self.community_id),
            can_record_sales=bool(campaign and is_coordinator),
        )
        return context


class ProductPage(BasePage):
    """A product a community makes, the journey that shaped it and how to buy it."""

    short_description = models.CharField(_("short description"), max_length=300)
    price_baht = models.DecimalField(
        _("price (baht)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    unit = models.CharField(
        _("unit"),
        max_length=60,
        help_text=_("What the price buys, for example: a 500 g bag, one piece of cloth."),
    )
    story = RichTextField(_("story"), blank=True, features=INTRO_FEATURES)
    materials = models.TextField(
        _("materials and ingredients"), blank=True, help_text=_("One per line.")
    )
    otop_stars = models.PositiveSmallIntegerField(
        _("OTOP stars"),
        null=True,
        blank=True,
        choices=[(stars, "★" * stars) for stars in range(1, 6)],
    )
    community_product_standard = models.CharField(
        _("Thai Community Product Standard (มผช.)"),
        max_length=60,
        blank=True,
        help_text=_("The standard number and year, for example มผช. 1/2565."),
    )
    fda_number = models.CharField(
        _("Thai FDA number (อย.)"),
        max_length=30,
        blank=True,
        help_text=_("The 13-digit number on the label, for example 53-2-01234-2-0001."),
    )
    in_stock = models.BooleanField(_("in stock"), default=True)
    facebook_url = models.URLField(
        _("Facebook Page"),
        blank=True,
        validators=[validate_facebook_url],
        help_text=_("Leave empty to use the community's."),
    )
    line_id = models.CharField(
        _("LINE Official Account ID"),
        max_length=31,
        blank=True,
        validators=[validate_line_id],
        help_text=_("Leave empty to use the community's."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text=_("Leave empty to use the community's."),
    )
    how_to_buy = models.TextField(
        _("how to buy"), blank=True, help_text=_("Leave empty to use the community's.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("short_description"),
        FieldRowPanel([FieldPanel("price_baht"), FieldPanel("unit")]),
        FieldPanel("in_stock"),
        InlinePanel("gallery_images", heading=_("photo gallery"), label=_("photo")),
        FieldPanel("story"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldPanel("otop_stars"),
                FieldPanel("community_product_standard"),
                FieldPanel("fda_number"),
            ],
            heading=_("certifications"),
        ),
        InlinePanel("journey_steps", heading=_("development journey"), label=_("step")),
        InlinePanel("lesson_links", heading=_("the lessons behind it"), label=_("lesson")),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("line_id"),
                FieldPanel("phone"),
                FieldPanel("how_to_buy"),
            ],
            heading=_("how to buy (if different from the community's)"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_description"),
        index.SearchField("story"),
        index.SearchField("materials"),
    ]

    parent_page_types = ["communities.CommunityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product page")

    @cached_property
    def community_page(self) -> "CommunityPage | None":
        if self.path and self.depth:
            parent_path = self.path[: -self.steplen]
            return (
                CommunityPage.objects.select_related("community").filter(path=parent_path).first()
            )
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def community_id(self) -> int | None:
        return self.community_page.community_id if self.community_page else None

    @property
    def contact(self) -> ContactChannels:
        """The product's own channels, each falling back to the community's."""
        fallback = self.community_page.contact if self.community_page else ContactChannels()
        return ContactChannels(
            facebook_url=self.facebook_url or fallback.facebook_url,
            line_id=self.line_id or fallback.line_id,
            phone=self.phone or fallback.phone,
            how_to_buy=self.how_to_buy or fallback.how_to_buy,
        )

    @property
    def materials_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]

    @property
    def has_certifications(self) -> bool:
        return bool(self.otop_stars or self.community_product_standard or self.fda_number)

    def get_journey(self) -> list[dict]:
        """Every stage in order, with the steps recorded for it (possibly none)."""
        steps = sorted(
            self.journey_steps.all(),
            key=lambda step: (step.happened_on is None, step.happened_on, step.sort_order or 0),
        )
        return [
            {
                "stage": stage,
                "label": label,
                "steps": [step for step in steps if step.stage == stage],
            }
            for stage, label in JourneyStage.choices
        ]

    def get_context(self, request, *args, **kwargs):
        from communities import selectors

        context = super().get_context(request, *args, **kwargs)
        community_page = self.community_page
        campaign = selectors.showcase_campaign(self.community_id)
        context.update(
            community_page=community_page,
            gallery=selectors.public_gallery(self),
            journey=self.get_journey(),
            units_sold=selectors.product_units_sold(self, campaign=campaign),
            lesson_links=selectors.lessons_behind(self),
            campaign=campaign,
        )
        return context


class ProductImage(Orderable):
    """A photo in a product's gallery, with its own alt text."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=200,
        help_text=_("Describe the photo for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    person = models.ForeignKey(
        "communities.CommunityPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person in the photo"),
        help_text=_(
            "If the photo shows a person, choose them: it is published only while they "
            "consent to photos."
        ),
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("person"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    @property
    def is_public(self) -> bool:
        if self.person_id is None:
            return True
        if hasattr(self, "person_consented"):
            return self.person_consented
        return self.person.has_consent(ConsentScope.PHOTO)


class JourneyStage(models.TextChoices):
    """The brief's path from idea to online sales, in order."""

    CHOSEN = "chosen", _("Chosen by the community")
    ASSESSED = "assessed", _("Readiness assessed")
    PROTOTYPE = "prototype", _("First prototype")
    REDESIGNED = "redesigned", _("New look and packaging")
    ONLINE = "online", _("Selling online")


class ProductJourneyStep(Orderable):
    """One step of a product's development journey."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="journey_steps")
    stage = models.CharField(_("stage"), max_length=20, choices=JourneyStage)
    happened_on = models.DateField(_("date"), null=True, blank=True)
    description = models.TextField(_("what happened"), blank=True)

    panels = [FieldPanel("stage"), FieldPanel("happened_on"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("journey step")
        verbose_name_plural = _("journey steps")


class ProductLesson(Orderable):
    """A lesson the community applied to make this product, shown on both pages."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="lesson_links")
    lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.CASCADE,
        related_name="product_links",
        verbose_name=_("lesson"),
    )
    how_applied = models.CharField(
        _("how the community applied it"),
        max_length=250,
        blank=True,
        help_text=_("For example: redesigned the label after the packaging lesson."),
    )

    panels = [PageChooserPanel("lesson", "courses.LessonPage"), FieldPanel("how_applied")]

    class Meta(Orderable.Meta):
        verbose_name = _("lesson behind the product")
        verbose_name_plural = _("lessons behind the product")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "lesson"], name="communities_product_lesson_once"
            )
        ]
