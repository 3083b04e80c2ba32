"""The language switcher: Django's ``set_language``, and for a signed-in person the choice is
kept on their account, so the e-mails the portal sends them are in it too (portal/mail.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from portal.accounts.services import user_language_set


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language and check_for_language(language):
        user_language_set(user=request.user, language=language)
    return response
