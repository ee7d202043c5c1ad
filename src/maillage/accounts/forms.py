"""Forms of the accounts pages: log-in by e-mail (throttled), structures, invitations, passwords."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.http import HttpRequest

from maillage.accounts.models import Structure
from maillage.accounts.selectors import structure_has_member_email
from maillage.accounts.throttle import (
    client_address,
    login_failure_record,
    login_failures_clear,
    login_locked,
)


class EmailAuthenticationForm(AuthenticationForm):
    """Log-in by e-mail address; refused for a while after too many failures (see throttle.py)."""

    username = forms.CharField(
        label="Adresse e-mail",
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "inputmode": "email",
                "spellcheck": "false",
                "autocapitalize": "none",
                "autofocus": True,
            }
        ),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": (
            "Adresse e-mail ou mot de passe incorrects. Vérifiez votre saisie ou choisissez un nouveau "
            "mot de passe avec le lien « Mot de passe oublié ? »."
        ),
        "inactive": "Ce compte est désactivé : adressez-vous à l'animation du réseau.",
        "throttled": (
            "Trop de tentatives de connexion ont échoué pour cette adresse e-mail. Par sécurité, la "
            "connexion est suspendue pendant %(minutes)s minutes : réessayez plus tard, ou choisissez un "
            "nouveau mot de passe avec le lien « Mot de passe oublié ? »."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.throttled = False
        self.fields["username"].error_messages["required"] = "Saisissez votre adresse e-mail."
        self.fields["password"].error_messages["required"] = "Saisissez votre mot de passe."

    def clean(self) -> dict[str, Any]:
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email and password:
            address = client_address(self.request)
            if login_locked(email=email, address=address):
                raise self._throttled()
            self.user_cache = authenticate(self.request, username=email, password=password)
            if self.user_cache is None:
                if login_failure_record(email=email, address=address):
                    raise self._throttled()
                raise self.get_invalid_login_error()
            login_failures_clear(email=email, address=address)
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def get_invalid_login_error(self) -> forms.ValidationError:
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def _throttled(self) -> forms.ValidationError:
        self.throttled = True
        return forms.ValidationError(
            self.error_messages["throttled"],
            code="throttled",
            params={"minutes": settings.MAILLAGE_LOGIN_THROTTLE_MINUTES},
        )


class StructureForm(forms.Form):
    name = forms.CharField(
        label="Nom de la structure", max_length=250, error_messages={"required": "Saisissez le nom."}
    )
    siret = forms.CharField(
        label="SIRET",
        required=False,
        help_text="14 chiffres, facultatif.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Adresse e-mail de contact",
        required=False,
        help_text="Facultative.",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."},
    )

    def clean_siret(self) -> str:
        siret = re.sub(r"\s", "", self.cleaned_data.get("siret", ""))
        if siret and not re.fullmatch(r"\d{14}", siret):
            raise forms.ValidationError("Le SIRET compte 14 chiffres.")
        return siret


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse e-mail de la personne invitée",
        help_text="Elle recevra un lien personnel pour choisir son mot de passe.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Saisissez l'adresse e-mail de la personne à inviter.",
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
        },
    )

    def __init__(self, *args: Any, structure: Structure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.structure = structure

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        if structure_has_member_email(structure=self.structure, email=email):
            raise forms.ValidationError("Cette personne est déjà membre de la structure.")
        return email


class NewPasswordForm(forms.Form):
    """Name and password of an invited person; the password passes Django's validators."""

    first_name = forms.CharField(
        label="Prénom",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Nom",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
        error_messages={"required": "Choisissez un mot de passe."},
    )
    password2 = forms.CharField(
        label="Confirmation du mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Saisissez le même mot de passe, pour vérification.",
        error_messages={"required": "Saisissez à nouveau le mot de passe."},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password1:
            someone = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user=someone)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailPasswordResetForm(PasswordResetForm):
    """Django's reset form with our label; it answers the same whether the address has an account."""

    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Saisissez votre adresse e-mail.",
            "invalid": "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
        },
    )
