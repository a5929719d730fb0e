from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("kiosk/<int:user_id>/", views.kiosk_pin_sign_in, name="kiosk_pin"),
    path("kiosk/unregister/", views.kiosk_unregister, name="kiosk_unregister"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
    path("profile/", views.profile, name="profile"),
    path("profile/name/", views.display_name_edit, name="display_name"),
    path("profile/pin/", views.pin_edit, name="pin"),
    path("profile/pin/remove/", views.pin_remove, name="pin_remove"),
    path("password/", views.password_change_view, name="password_change"),
    path("password/new/", views.password_set, name="password_set"),
    path("communities/", views.coordinator_home, name="coordinator"),
    path(
        "communities/<int:community_id>/learners/",
        views.community_learner_list,
        name="community_learners",
    ),
    path(
        "communities/<int:community_id>/learners/add/",
        views.learners_add,
        name="learners_add",
    ),
    path("communities/<int:community_id>/cards/", views.login_cards, name="login_cards"),
    path("communities/<int:community_id>/kiosk/", views.community_kiosk, name="community_kiosk"),
    path(
        "communities/<int:community_id>/kiosk/settings/",
        views.kiosk_settings,
        name="kiosk_settings",
    ),
    path(
        "learners/<int:user_id>/reset-password/",
        views.learner_password_reset,
        name="learner_password_reset",
    ),
]
