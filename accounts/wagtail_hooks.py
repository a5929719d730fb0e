from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import DisplayNameChange, Kiosk
from accounts.services import kiosk_revoke


class LimitedActionsPermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, but only for ``actions``; other actions are refused to all."""

    def __init__(self, model, *, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.actions])


# Kiosks are registered from the library computer itself; the admin renames and revokes.
register_permission_policy(Kiosk, LimitedActionsPermissionPolicy(Kiosk, actions={"change", "view"}))
# The name-change log is evidence: nobody edits or deletes it.
register_permission_policy(
    DisplayNameChange, LimitedActionsPermissionPolicy(DisplayNameChange, actions={"view"})
)


class KioskRevokeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    model = Kiosk
    permission_required = "change"
    template_name = "accounts/admin/kiosk_revoke.html"
    page_title = gettext_lazy("Revoke kiosk")
    header_icon = "desktop"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Kiosk.objects.select_related("community"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        kiosk_revoke(kiosk=self.object, revoked_by=request.user)
        messages.success(
            request,
            _("Kiosk “%(name)s” is revoked: PIN sign-in there has stopped.")
            % {"name": self.object.name},
        )
        return redirect(self.index_url_name)


class KioskIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_revoked and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Revoke kiosk"),
                    url=reverse("kiosks:revoke", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                )
            )
        return buttons


class KioskViewSet(ModelViewSet):
    model = Kiosk
    name = "kiosks"
    icon = "desktop"
    index_view_class = KioskIndexView
    form_fields = ["name"]
    list_display = ["name", "community", "registered_by", "registered_at", "revoked_at"]
    list_filter = ["community"]
    search_fields = ["name"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]

    @property
    def revoke_view(self):
        return self.construct_view(KioskRevokeView, index_url_name=self.get_url_name("index"))


class DisplayNameChangeViewSet(ModelViewSet):
    model = DisplayNameChange
    name = "display-name-changes"
    icon = "history"
    form_fields = ["new_name"]
    list_display = ["user", "old_name", "new_name", "changed_by", "changed_at"]
    list_filter = ["changed_at"]
    search_fields = ["old_name", "new_name"]
    inspect_view_enabled = True
    copy_view_enabled = False


class AccountsViewSetGroup(ModelViewSetGroup):
    items = (KioskViewSet, DisplayNameChangeViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Accounts")
    menu_name = "accounts"


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return AccountsViewSetGroup()
