from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path(
        "course-completion/",
        views.CourseCompletionReportView.as_view(),
        name="course_completion",
    ),
    path(
        "course-completion/results/",
        views.CourseCompletionReportView.as_view(results_only=True),
        name="course_completion_results",
    ),
    path(
        "learner-progress/",
        views.LearnerProgressReportView.as_view(),
        name="learner_progress",
    ),
    path(
        "learner-progress/results/",
        views.LearnerProgressReportView.as_view(results_only=True),
        name="learner_progress_results",
    ),
    path("sales/", views.SalesReportView.as_view(), name="sales"),
    path("sales/results/", views.SalesReportView.as_view(results_only=True), name="sales_results"),
    path("quiz-items/", views.QuizItemReportView.as_view(), name="quiz_items"),
    path(
        "quiz-items/results/",
        views.QuizItemReportView.as_view(results_only=True),
        name="quiz_items_results",
    ),
    path("learners/<int:user_id>/sheet/", views.progress_sheet, name="progress_sheet"),
]
