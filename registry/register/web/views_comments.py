"""The console's half of the review loop: a reviewer confirms that the organisation's answer
settles a comment, or reopens it (registry.register.services.comments)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import User
from portal.web_errors import run_service
from registry.register.models import ReviewComment
from registry.register.selectors_console import regulator_filing
from registry.register.services.comments import comment_confirm, comment_reopen
from registry.register.web.access import regulator_required

STEPS = {"confirm": comment_confirm, "reopen": comment_reopen}


@require_POST
@regulator_required
def comment_step(request: HttpRequest, filing_id: str, comment_id: int, step: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # regulator_required: a signed-in authority member
    filing = regulator_filing(user=user, filing_id=filing_id)
    service = STEPS.get(step)
    if filing is None or service is None:
        raise Http404("No such comment.")
    comment = ReviewComment.objects.filter(pk=comment_id, version__filing=filing).first()
    if comment is None:
        raise Http404("No such comment.")
    url = reverse("regulator:filing", args=[filing.pk]) + f"#review-comment-{comment.pk}"
    done = run_service(
        request,
        lambda: service(actor=user, comment=comment),
        back_to=url,
    )
    if isinstance(done, HttpResponse):
        return done
    messages.success(
        request,
        _("The comment is confirmed as resolved.")
        if step == "confirm"
        else _("The comment is open again."),
    )
    return redirect(url)
