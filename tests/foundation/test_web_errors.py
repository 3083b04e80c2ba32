"""The one bridge from a service's refusal to a form (portal.web_errors.form_add_domain_error)."""

from __future__ import annotations

from django import forms

from portal.errors import ValidationFailed
from portal.web_errors import form_add_domain_error


class _CommentForm(forms.Form):
    field = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField()


def _refused(**field_errors: list[str]) -> _CommentForm:
    form = _CommentForm({"field": "x", "body": "y"})
    assert form.is_valid()
    error = ValidationFailed("Refused as a whole.", field_errors=field_errors)
    form_add_domain_error(form, error)
    return form


def test_an_error_on_a_visible_field_goes_beside_it():
    form = _refused(body=["Too short."])
    assert form.errors["body"] == ["Too short."]
    assert form.non_field_errors() == []


def test_an_error_on_a_hidden_field_goes_above_the_form_with_the_services_message():
    # Beside a hidden input nobody would read it.
    form = _refused(field=["Unknown field: x"])
    assert "field" not in form.errors
    assert form.non_field_errors() == ["Unknown field: x", "Refused as a whole."]


def test_an_error_on_a_name_the_form_lacks_says_which():
    form = _refused(owner=["Choose a member."])
    assert form.non_field_errors() == ["owner: Choose a member.", "Refused as a whole."]
