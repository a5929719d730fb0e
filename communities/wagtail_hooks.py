"""Admin screens for communities, their people and consent, campaigns and sales.

Coordinators see and change only the communities they coordinate: every view's
queryset and every choice list is narrowed to them. Sales and consent are written
through ``communities.services`` so that the admin keeps the same rules and history
as the phone form.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from communities import selectors, services
from communities.models import (
    Community,
    CommunityPage,
    CommunityPerson,
    ConsentRecord,
    ProductPage,
    SaleChannel,
    SaleRecord,
    SalesCampaign,
)


def coordinated_communities(user):
    """The communities ``user`` may manage, as a queryset (all of them for superusers)."""
    if user.is_superuser:
        return Community.objects.all()
    return Community.objects.filter(coordinators=user)


def scope_to_user(queryset, user, community_path: str):
    """Narrow ``queryset`` to rows of the communities ``user`` coordinates."""
    if user.is_superuser:
        return queryset
    lookup = f"{community_path}__in" if community_path else "pk__in"
    return queryset.filter(**{lookup: coordinated_communities(user).values("pk")})


def products_of(communities):
    paths = CommunityPage.objects.filter(community__in=communities).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return ProductPage.objects.filter(condition).order_by("path")


class CommunityScopedForm(WagtailAdminModelForm):
    """Choice lists show only the coordinator's communities and what belongs to them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or user.is_superuser:
            return
        communities = coordinated_communities(user)
        narrowed = {
            "community": communities,
            "campaign": SalesCampaign.objects.filter(community__in=communities),
            "person": CommunityPerson.objects.filter(community__in=communities),
            "product": products_of(communities),
        }
        for name, queryset in narrowed.items():
            if name in self.fields:
                self.fields[name].queryset = queryset


class ScopedViewMixin:
    """Every view of a scoped viewset finds objects only among the user's communities."""

    community_path = ""

    def scope(self, queryset):
        return scope_to_user(queryset, self.request.user, self.community_path)


class ScopedIndexView(ScopedViewMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scope(super().get_base_queryset())


class ScopedCreateView(ScopedViewMixin, generic.CreateView):
    pass


class ScopedEditView(ScopedViewMixin, generic.EditView):
    def get_queryset(self):
        return self.scope(self.model._default_manager.all())


class ScopedDeleteView(ScopedViewMixin, generic.DeleteView):
    def get_queryset(self):
        return self.scope(self.model._default_manager.all())


class ScopedInspectView(ScopedViewMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.scope(self.model._default_manager.all()), pk=self.pk)


class ScopedHistoryView(ScopedViewMixin, history.HistoryView):
    def get_base_object_queryset(self):
        return self.scope(super().get_base_object_queryset())


class ScopedUsageView(ScopedViewMixin, usage.UsageView):
    def get_base_object_queryset(self):
        return self.scope(super().get_base_object_queryset())


class CommunityScopedViewSet(ModelViewSet):
    """A ModelViewSet whose views and forms are narrowed to the user's communities."""

    community_path = ""
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(community_path=self.community_path, **kwargs)


class ServiceFormMixin:
    """Show a service's ``ValidationError``/``PermissionDenied`` on the form; nothing is saved."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


# Communities


class CommunityForm(CommunityScopedForm):
    pass


class CommunityViewSet(CommunityScopedViewSet):
    model = Community
    icon = "group"
    menu_label = _("Communities")
    add_to_admin_menu = False
    list_display = ["name", "province", "district", "library"]
    list_filter = ["province"]
    search_fields = ["name", "district", "library"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("province"), FieldPanel("district")]),
            FieldPanel("library"),
            # Only those who may create communities choose their coordinators.
            FieldPanel("coordinators", permission="communities.add_community"),
        ],
        base_form_class=CommunityForm,
    )


# People and consent


class CommunityPersonIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_consent().select_related("community")


class CommunityPersonViewSet(CommunityScopedViewSet):
    model = CommunityPerson
    community_path = "community"
    icon = "user"
    menu_label = _("People and consent")
    index_view_class = CommunityPersonIndexView
    list_display = [
        "name",
        "community",
        "role",
        BooleanColumn("photo_consented", label=_("photos may be published")),
        BooleanColumn("contact_consented", label=_("contact details may be published")),
    ]
    list_filter = ["community"]
    search_fields = ["name", "role"]
    edit_handler = ObjectList(
        [
            FieldPanel("community"),
            FieldPanel("name"),
            FieldPanel("role"),
            FieldPanel("photo"),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("line_id")]),
            FieldPanel("sort_order"),
        ],
        base_form_class=CommunityScopedForm,
    )


class ConsentCreateView(ServiceFormMixin, ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.consent_give(
            person=data["person"],
            scope=data["scope"],
            given_on=data["given_on"],
            method=data["method"],
            note=data.get("note", ""),
            recorded_by=self.request.user,
        )


class ConsentWithdrawView(ScopedDeleteView):
    page_title = _("Withdraw consent")
    success_message = _("Consent withdrawn: %(object)s. It is no longer published.")

    @property
    def confirmation_message(self):
        return _(
            "Withdraw this consent? What it covers disappears from the public pages at once. "
            "The record of the consent and its withdrawal is kept."
        )

    def get_usage(self):
        return None

    def delete_action(self):
        services.consent_withdraw(
            person=self.object.person, scope=self.object.scope, recorded_by=self.request.user
        )


class ConsentFilterSet(WagtailFilterSet):
    active = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", label=_("in force")
    )

    class Meta:
        model = ConsentRecord
        fields = ["scope", "person"]


class ConsentRecordViewSet(CommunityScopedViewSet):
    model = ConsentRecord
    community_path = "person__community"
    icon = "tick-inverse"
    menu_label = _("Consent records")
    add_view_class = ConsentCreateView
    delete_view_class = ConsentWithdrawView
    filterset_class = ConsentFilterSet
    list_display = [
        "person",
        "scope",
        "given_on",
        "method",
        "recorded_by",
        Column("withdrawn_at", label=_("withdrawn at")),
    ]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("person"),
            FieldPanel("scope"),
            FieldRowPanel([FieldPanel("given_on"), FieldPanel("method")]),
            FieldPanel("note"),
        ],
        base_form_class=CommunityScopedForm,
    )
    # Who consented to what, and when, never changes after recording; only the note may.
    note_only_panel = ObjectList([FieldPanel("note")], base_form_class=CommunityScopedForm)

    def get_edit_view_kwargs(self, **kwargs):
        panel = self.note_only_panel.bind_to_model(self.model)
        return super().get_edit_view_kwargs(
            panel=panel, form_class=panel.get_form_class(), **kwargs
        )


# Sales


class SalesCampaignViewSet(CommunityScopedViewSet):
    model = SalesCampaign
    community_path = "community"
    icon = "date"
    menu_label = _("Sales campaigns")
    list_display = ["name", "community", "start_date", "end_date", "target_units"]
    list_filter = ["community"]
    list_export = ["community", "name", "start_date", "end_date", "target_units"]
    export_filename = "sales-campaigns"
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("community"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("target_units"),
        ],
        base_form_class=CommunityScopedForm,
    )


class SaleRecordAdminForm(CommunityScopedForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Why is it changed?"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            self.fields["campaign"].disabled = True
        else:
            del self.fields["reason"]


def _sale_kwargs(data) -> dict:
    return {
        "product": data.get("product"),
        "sold_on": data.get("sold_on"),
        "quantity": data.get("quantity"),
        "channel": data.get("channel"),
        "amount_baht": data.get("amount_baht"),
        "note": data.get("note", ""),
    }


class SaleRecordCreateView(ServiceFormMixin, ScopedCreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.sale_record(
            campaign=data["campaign"], recorded_by=self.request.user, **_sale_kwargs(data)
        )


class SaleRecordEditView(ServiceFormMixin, ScopedEditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.sale_update(
            sale=self.object,
            changed_by=self.request.user,
            expected_version=data.get("expected_version"),
            reason=data.get("reason", ""),
            **_sale_kwargs(data),
        )


class SaleRecordDeleteView(ScopedDeleteView):
    success_message = _("Sale record '%(object)s' deleted. Its history is kept.")

    def get_queryset(self):
        return super().get_queryset().current()

    def get_usage(self):
        return None

    def delete_action(self):
        services.sale_delete(sale=self.object, deleted_by=self.request.user)


class SaleRecordInspectView(ScopedInspectView):
    template_name = "communities/admin/sale_record_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = selectors.sale_history(self.object)
        return context


def _user_campaigns(request):
    if request is None:
        return SalesCampaign.objects.none()
    return scope_to_user(SalesCampaign.objects.all(), request.user, "community")


class SaleRecordFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(queryset=_user_campaigns, label=_("campaign"))
    channel = django_filters.ChoiceFilter(choices=SaleChannel.choices, label=_("channel"))
    sold_on = django_filters.DateFromToRangeFilter(label=_("date sold"))
    deleted = django_filters.BooleanFilter(
        field_name="deleted_at", lookup_expr="isnull", exclude=True, label=_("deleted")
    )

    class Meta:
        model = SaleRecord
        fields = []


class SaleRecordIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "product", "recorded_by")


class SaleRecordViewSet(CommunityScopedViewSet):
    model = SaleRecord
    community_path = "campaign__community"
    icon = "list-ul"
    menu_label = _("Sale records")
    index_view_class = SaleRecordIndexView
    add_view_class = SaleRecordCreateView
    edit_view_class = SaleRecordEditView
    delete_view_class = SaleRecordDeleteView
    inspect_view_class = SaleRecordInspectView
    inspect_view_enabled = True
    filterset_class = SaleRecordFilterSet
    list_display = [
        "product",
        "quantity",
        "sold_on",
        "channel",
        "campaign",
        "recorded_by",
        Column("deleted_at", label=_("deleted at")),
    ]
    list_export = [
        "campaign",
        "product",
        "sold_on",
        "quantity",
        "channel",
        "amount_baht",
        "note",
        "recorded_by",
        "recorded_at",
        "updated_at",
        "deleted_at",
    ]
    export_filename = "sale-records"
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldPanel("product"),
            FieldRowPanel([FieldPanel("quantity"), FieldPanel("sold_on")]),
            FieldPanel("channel"),
            FieldPanel("amount_baht"),
            FieldPanel("note"),
            FieldPanel("reason"),
        ],
        base_form_class=SaleRecordAdminForm,
    )


class CommunitiesViewSetGroup(ViewSetGroup):
    menu_label = _("Communities")
    menu_icon = "group"
    menu_order = 250
    items = (
        CommunityViewSet("community"),
        CommunityPersonViewSet("community_person"),
        ConsentRecordViewSet("consent_record"),
        SalesCampaignViewSet("sales_campaign"),
        SaleRecordViewSet("sale_record"),
    )


@hooks.register("register_admin_viewset")
def register_communities_viewsets():
    return CommunitiesViewSetGroup()


class SalesFormMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("communities.add_salerecord")


@hooks.register("register_admin_menu_item")
def register_sales_form_menu_item():
    return SalesFormMenuItem(
        _("Record sales (phone form)"),
        reverse("communities:sales_home"),
        icon_name="mobile-alt",
        order=260,
    )
