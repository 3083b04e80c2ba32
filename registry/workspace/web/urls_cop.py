"""Code of Practice pages of an organisation's host, per chapter."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import views_cop

app_name = "code_of_practice"

urlpatterns = [
    path("code-of-practice/", views_cop.cop_list, name="cop_list"),
    path("code-of-practice/declaration/", views_cop.cop_declaration, name="cop_declaration"),
    path("code-of-practice/<str:chapter>/", views_cop.cop_chapter, name="cop_chapter"),
]
