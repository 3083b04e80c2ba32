"""Verify a filing: anyone uploads a filing PDF or pastes a SHA-256 and learns whether it matches
a filed version. registry.register.verification answers; it never reveals the Art 49(4) secure
section (a restricted filing's hash is "not found", like any unknown hash). Input that cannot be
verified at all (no hash, no PDF, a PDF not made here) is a field error (422), not "No match"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.register.models import FilingStatus
from registry.register.selectors_public import public_filing
from registry.register.verification import verify_hash, verify_pdf
from registry.register.web.forms import VerifyForm


def verify(request: HttpRequest) -> HttpResponse:
    result = entry_url = None
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("pdf")
            if upload is not None:
                result = verify_pdf(upload.read())
            else:
                result = verify_hash(form.cleaned_data["sha256"])
            if form.refuse(result):
                result, status = None, 422
            elif result.found and public_filing(result.filing_id) is not None:
                entry_url = f"/register/{result.filing_id}/v/{result.version}/"
        else:
            status = 422
    else:
        form = VerifyForm()
    return render(
        request,
        "register/verify.html",
        {
            "form": form,
            "result": result,
            "entry_url": entry_url,
            "status_label": FilingStatus(result.version_status).label
            if result and result.found
            else "",
        },
        status=status,
    )
