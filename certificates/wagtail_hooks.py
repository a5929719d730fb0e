import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.forms import RevokeForm
from certificates.models import Certificate, CertificateTemplate
from certificates.services import certificate_reinstate, certificate_revoke
from home.dates import format_date


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Certificates are only issued by completing a course: nobody adds, edits or deletes
    them here. Staff see all of them; coordinators (with the view permission) see the
    certificates of their own communities' learners."""

    def user_has_permission(self, user, action):
        if action != "view" or not user.is_active:
            return False
        return user.is_staff or user.is_superuser or super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and instance.can_be_managed_by(user)

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return Certificate.objects.none()
        return Certificate.objects.managed_by(user)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate))


def managed_certificate(request, pk) -> Certificate:
    """The certificate if this user may manage it, else 404 (as if it did not exist)."""
    return get_object_or_404(
        Certificate.objects.managed_by(request.user).select_related("user", "revoked_by"),
        pk=pk,
    )


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("valid", _("Valid")), ("revoked", _("Revoked"))],
        method="filter_status",
        empty_label=_("All"),
    )

    class Meta:
        model = Certificate
        fields = ["status", "course"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=(value == "valid"))


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return Certificate.objects.managed_by(self.request.user)


class CertificateInspectView(InspectView):
    def get_object(self, queryset=None):
        return managed_certificate(self.request, self.pk)

    def get_status_display_value(self):
        return self.object.status()

    def get_code_display_value(self):
        return self.object.display_code

    def get_issued_on_display_value(self):
        return format_date(self.object.issued_on)

    def get_revoked_at_display_value(self):
        return format_date(self.object.revoked_at, with_time=True) or "-"

    def get_created_at_display_value(self):
        return format_date(self.object.created_at, with_time=True)

    def get_revoked_by_display_value(self):
        return self.object.revoked_by or "-"

    @cached_property
    def header_buttons(self):
        certificate = self.object
        if certificate.is_revoked:
            url = reverse("certificate:reinstate", args=[certificate.pk])
            return [HeaderButton(_("Reinstate"), url=url, icon_name="undo")]
        url = reverse("certificate:revoke", args=[certificate.pk])
        return [HeaderButton(_("Revoke"), url=url, icon_name="warning")]

    @cached_property
    def header_more_buttons(self):
        certificate = self.object
        return [
            Button(_("Download PDF"), url=certificate.get_pdf_url(), icon_name="download"),
            Button(
                _("Public verification page"),
                url=certificate.get_verify_url(),
                icon_name="link-external",
            ),
        ]


class CertificateActionView(WagtailAdminTemplateMixin):
    """Revoke or reinstate one certificate: a confirmation page, then a POST."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.object = managed_certificate(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    @property
    def inspect_url(self):
        return reverse("certificate:inspect", args=[self.object.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificate:index"), "label": _("Certificates")},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, inspect_url=self.inspect_url, **kwargs)


class CertificateRevokeView(CertificateActionView, FormView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    page_title = _("Revoke certificate")

    def form_valid(self, form):
        try:
            certificate_revoke(
                certificate=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The certificate of %(name)s is revoked.") % {"name": self.object.learner_name},
        )
        return redirect(self.inspect_url)


class CertificateReinstateView(CertificateActionView, TemplateView):
    template_name = "certificates/admin/reinstate.html"
    page_title = _("Reinstate certificate")

    def post(self, request, *args, **kwargs):
        certificate_reinstate(certificate=self.object, by=request.user)
        messages.success(
            request,
            _("The certificate of %(name)s is valid again.") % {"name": self.object.learner_name},
        )
        return redirect(self.inspect_url)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    add_to_admin_menu = False
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "learner_name",
        "course_title",
        "community_name",
        Column(
            "issued_on",
            label=_("issued on"),
            accessor=lambda certificate: format_date(certificate.issued_on),
            sort_key="issued_on",
        ),
        "status",
    ]
    list_export = [
        "code",
        "learner_name",
        "course_title",
        "community_name",
        "issued_on",
        "status",
        "revoked_at",
    ]
    filterset_class = CertificateFilterSet
    search_fields = ["learner_name", "course_title", "community_name", "code"]
    search_backend_name = None
    inspect_view_fields = [
        "code",
        "status",
        "learner_name",
        "course_title",
        "community_name",
        "issued_on",
        "signatory_name",
        "signatory_title",
        "template",
        "revoked_at",
        "revoked_by",
        "revoke_reason",
        "created_at",
    ]

    def get_urlpatterns(self):
        # Only listing, inspecting, revoking and reinstating: no add, edit, copy or delete.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("revoke/<int:pk>/", CertificateRevokeView.as_view(), name="revoke"),
            path("reinstate/<int:pk>/", CertificateReinstateView.as_view(), name="reinstate"),
        ]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full-inverse"
    menu_label = _("Certificate templates")
    list_display = ["name", "course", "is_default", "accent_colour"]
    search_fields = ["name", "heading"]


class CertificatesGroup(ModelViewSetGroup):
    items = (CertificateViewSet, CertificateTemplateViewSet)
    menu_icon = "doc-full"
    menu_label = _("Certificates")
    menu_name = "certificates"


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificatesGroup()


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    @actions.register_action("certificates.revoke")
    class RevokeFormatter(LogFormatter):
        label = _("Revoke certificate")

        def format_message(self, log_entry):
            return _("Revoked")

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")

    actions.register_action("certificates.reinstate", _("Reinstate certificate"), _("Reinstated"))
