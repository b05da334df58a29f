from django.contrib.auth import views as auth_views
from django.urls import path

from sportello.api import pages as api_pages

from . import invitations, profile, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("verify/", two_factor_views.verify, name="verify"),
    path("two-step/", two_factor_views.setup, name="two_factor_setup"),
    path("two-step/recovery-codes/", two_factor_views.recovery_codes, name="recovery_codes"),
    path("two-step/recovery-codes/new/", profile.new_recovery_codes, name="new_recovery_codes"),
    path("two-step/off/", profile.disable_two_factor, name="disable_two_factor"),
    path("profile/", profile.profile, name="profile"),
    path("tokens/", api_pages.personal_tokens, name="api_tokens"),
    path("invitation/<str:token>/", invitations.invitation, name="invitation"),
    path("password/", profile.password_change, name="password_change"),
    path("logout-everywhere/", profile.logout_everywhere, name="logout_everywhere"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
