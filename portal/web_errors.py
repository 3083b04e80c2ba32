"""How a service's refusal (a DomainError) reaches a person on a web page: the one bridge.

The API has its own (portal/api/exceptions.py, problem+json). Every web view that calls a
service calls it through `run_service`, which returns the service's result or the response that
reports the refusal:

- Forbidden: the 403 page (`forbidden`);
- NotFound: the 404 page (raised as Http404, so the project's 404 handler renders it);
- anything else: the errors go onto the view's form (`form_add_domain_error`) and the view's
  `page` is rendered (422; 409 for a Conflict met by a button without a form); or the message
  is flashed and the browser goes `back_to` where it came from.

The messages are the services' own, translated (they are lazy strings), so a page in German shows
the refusal in German.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import errors

T = TypeVar("T")
ErrorPage = Callable[[errors.DomainError, int], HttpResponse]

# A service names a field as it calls it; field errors under these names concern the whole input.
_WHOLE_INPUT = frozenset({"__all__", "non_field"})


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_status(error: errors.DomainError, *, on_form: bool = False) -> int:
    """The page's status for a refusal shown on it: 422 when the input is refused (a form shown
    again with its errors is always that), 409 when the state of things stands in the way of a
    button without a form (a version awaiting review, a filing already withdrawn)."""
    return 409 if isinstance(error, errors.Conflict) and not on_form else 422


def _form_field(form: forms.BaseForm, name: str) -> str | None:
    """The visible field of ``form`` that edits ``name``; None when the error belongs above the
    form (no such field, or a hidden one, beside which nobody would see it)."""
    if "." in name and name not in form.fields:
        # A nested name ("documentation.model_name") is edited by the field of its last part.
        name = name.split(".", 1)[1]
    if name not in form.fields or form.fields[name].widget.is_hidden:
        return None
    return name


def form_add_domain_error(
    form: forms.BaseForm, error: errors.DomainError, aliases: Mapping[str, str] | None = None
) -> None:
    """Put the service's field errors next to the form's fields and the rest above the form.

    `aliases` maps a service's field name to the form field that edits it (the service says
    `system`, the form `system_id`). When no error went next to a field, the service's message
    heads the summary, so the page always says why."""
    aliases = aliases or {}
    beside_a_field = False
    for name, field_messages in error.field_errors.items():
        target = _form_field(form, aliases.get(name, name))
        for message in field_messages:
            if target is not None:
                form.add_error(target, message)
                beside_a_field = True
            elif name in _WHOLE_INPUT or name in form.fields:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{name}: {message}")
    if not beside_a_field:
        form.add_error(None, error.message)


def run_service(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    form: forms.BaseForm | None = None,
    aliases: Mapping[str, str] | None = None,
    page: ErrorPage | None = None,
    back_to: str | None = None,
    denied_on_form: bool = False,
) -> T | HttpResponse:
    """Run `call` (a service, usually as a lambda) and return its result, or the response that
    reports its refusal.

    Give `page` (rendered with the refusal and the status; the errors are on `form` by then) or
    `back_to` (a URL: the message is flashed and the browser redirected there). `denied_on_form`
    shows a Forbidden on the form like any refusal, for a page where the person may act
    but not decide this (a reviewer who is not the lead)."""
    if (page is None) == (back_to is None):
        raise TypeError("run_service needs exactly one of page= and back_to=")
    try:
        return call()
    except errors.NotFound as exc:
        raise Http404(exc.message) from exc
    except errors.Forbidden as exc:
        if form is None or not denied_on_form:
            return forbidden(request)
        refusal: errors.DomainError = exc
    except errors.DomainError as exc:
        refusal = exc
    if form is not None:
        form_add_domain_error(form, refusal, aliases)
    if back_to is not None:
        messages.error(request, refusal.message)
        return redirect(back_to)
    assert page is not None
    return page(refusal, error_status(refusal, on_form=form is not None))


def form_post(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    *,
    page: Callable[[int], HttpResponse],
    success: str | Callable[[T], str],
    done: Callable[[T], HttpResponse],
    aliases: Mapping[str, str] | None = None,
    warnings: Callable[[T], Iterable[str]] | None = None,
) -> HttpResponse:
    """A form page: on a valid POST run `save` (the service) through `run_service`, say
    `success` (a text, or made from the result; none when empty) and each of `warnings(result)`
    (what was saved but is probably a mistake), and answer `done(result)` (a redirect, or a
    page); otherwise, or when the service refuses, `page(status)`: 200 for a blank form, 422 for
    one shown again with its errors."""
    if request.method == "POST" and form.is_valid():
        result = run_service(
            request, save, form=form, aliases=aliases, page=lambda _e, status: page(status)
        )
        if isinstance(result, HttpResponse):
            return result
        text = success(result) if callable(success) else success
        if text:
            messages.success(request, text)
        for warning in warnings(result) if warnings is not None else ():
            messages.warning(request, warning)
        return done(result)
    return page(422 if form.is_bound and form.errors else 200)


def button_post(
    request: HttpRequest,
    save: Callable[[], T],
    *,
    back_to: str,
    success: str | Callable[[T], str],
    done: Callable[[T], HttpResponse] | None = None,
) -> HttpResponse:
    """A button that changes one thing (approve, revoke, remove ...): run `save` (the service)
    through `run_service`; a refusal is said on `back_to`, and so is `success` (a text, or made
    from the result), unless `done(result)` answers instead."""
    result = run_service(request, save, back_to=back_to)
    if isinstance(result, HttpResponse):
        return result
    messages.success(request, success(result) if callable(success) else success)
    return done(result) if done is not None else redirect(back_to)
