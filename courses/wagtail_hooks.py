from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import ExpertProfile, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ExpertProfileViewSet(SnippetViewSet):
    model = ExpertProfile
    icon = "user"
    list_display = ["name"]
    search_fields = ["name"]


class CourseSnippetsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, ExpertProfileViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Course settings")
    menu_name = "course-settings"


register_snippet(CourseSnippetsGroup)
