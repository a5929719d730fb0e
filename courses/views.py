from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from courses.models import CourseIndexPage
from courses.selectors import learner_enrolments


@never_cache
@login_required
def my_learning(request):
    """ "My learning": the signed-in learner's own courses, nobody else's."""
    return render(
        request,
        "courses/my_learning.html",
        {
            "enrolments": learner_enrolments(user=request.user),
            "catalogue": CourseIndexPage.objects.live().first(),
        },
    )
