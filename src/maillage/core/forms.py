"""The one way a form's errors are said to a person: each message names its field, in the fields' order."""

from __future__ import annotations

from django import forms

OTHER = "Paramètres"  # errors not tied to one field (a form's `clean`)


def labelled_errors(form: forms.Form) -> list[tuple[str, str]]:
    """(field name, French message naming the field) of every error of a bound form."""
    found: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        label = str(form.fields[name].label or name) if name in form.fields else OTHER
        for message in map(str, messages):
            named = message.startswith(label) or (name not in form.fields and " : " in message)
            found.append((name, message if named else f"{label} : {message}"))
    return found


def form_errors(*forms_: forms.Form) -> list[str]:
    """Every error of the forms, each naming its field (what pages show above a form)."""
    return [message for form in forms_ for _, message in labelled_errors(form)]
