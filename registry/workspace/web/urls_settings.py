"""Settings of an organisation (administrators and owners): members, API keys, history."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import views_history, views_mandates, views_settings

app_name = "org_settings"

urlpatterns = [
    path("", views_settings.settings_index, name="index"),
    path("members/", views_settings.members, name="members"),
    path("members/<int:pk>/role/", views_settings.member_role, name="member_role"),
    path("members/<int:pk>/remove/", views_settings.member_remove, name="member_remove"),
    path(
        "invitations/<int:pk>/resend/",
        views_settings.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "invitations/<int:pk>/withdraw/",
        views_settings.invitation_withdraw_view,
        name="invitation_withdraw",
    ),
    path("members/two-factor/", views_settings.two_factor_policy, name="two_factor_policy"),
    path("api-keys/", views_settings.api_keys, name="api_keys"),
    path("representatives/", views_mandates.representatives, name="representatives"),
    path(
        "representatives/<int:pk>/accept/",
        views_mandates.mandate_accept_view,
        name="mandate_accept",
    ),
    path(
        "representatives/<int:pk>/decline/",
        views_mandates.mandate_decline_view,
        name="mandate_decline",
    ),
    path(
        "representatives/<int:pk>/terminate/",
        views_mandates.mandate_terminate_view,
        name="mandate_terminate",
    ),
    path(
        "representatives/verifications/<int:pk>/",
        views_mandates.verification_decide_view,
        name="verification_decide",
    ),
    path("history/", views_history.history_page, name="history"),
    path("history/export.csv", views_history.history_export, name="history_export"),
    path("api-keys/<int:pk>/revoke/", views_settings.api_key_revoke_view, name="api_key_revoke"),
]
