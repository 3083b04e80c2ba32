from django.urls import path

from portal.accounts import views, views_invitations, views_sso, views_two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views_two_factor.verify, name="two_factor"),
    path("sso/<slug:slug>/", views_sso.sso_begin, name="sso_begin"),
    path("sso/<slug:slug>/callback/", views_sso.sso_callback, name="sso_callback"),
    path("two-factor/setup/", views_two_factor.setup, name="two_factor_setup"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("organisations/", views.organisation_switcher, name="switcher"),
    path("switch/<slug:slug>/", views.switch_to, name="switch"),
    path("handoff/begin/", views.handoff_begin, name="handoff_begin"),
    path("handoff/grant/", views.handoff_grant, name="handoff_grant"),
    path("handoff/", views.handoff, name="handoff"),
    path("invitation/<str:token>/", views_invitations.invitation, name="invitation"),
]
