"""Putting an action's ValidationError back on the form, field by field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def apply_validation_error(form: forms.Form, error: ValidationError, default_field: str | None = None) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(default_field, error)
        return
    for field, field_errors in error.message_dict.items():
        target = field if field in form.fields else default_field
        for message in field_errors:
            form.add_error(target, message)
