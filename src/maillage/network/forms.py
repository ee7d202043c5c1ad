"""Forms of the network: directory filters, opt-in, the public request, routing, closing, answering.

Every error message starts with the French name of its field. Public forms carry a honeypot and a
signed time stamp: sent under `MIN_SECONDS` after display (a robot) or over a day later, they are refused.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing

from maillage.accounts.models import Structure
from maillage.agenda.forms import messages_for, territory_communes, territory_epcis
from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.network.enums import ActorRole, ContactMode, Outcome

HONEYPOT = "site_personnel"
STAMP_SALT = "maillage.network.form-stamp"
MIN_SECONDS = 3
MAX_SECONDS = 86400
THEMES = list(ENUMERATIONS["services"])
AUDIENCES = [
    "Tout public",
    *ENUMERATIONS["publics_specifiquement_adresses"],
    "Professionnels",
    "Élus et agents",
]


def _labelled(form: forms.Form) -> None:
    for field in form.fields.values():
        field.error_messages = {**field.error_messages, **messages_for(str(field.label))}


def stamp_now() -> str:
    return signing.dumps(int(time.time()), salt=STAMP_SALT)


class PublicForm(forms.Form):
    """A honeypot field robots fill, and the signed moment the form was shown."""

    site_personnel = forms.CharField(label="Laissez ce champ vide", required=False)
    stamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stamp"].initial = stamp_now()
        _labelled(self)

    def is_spam(self, now: float | None = None) -> bool:
        if str(self.data.get(HONEYPOT, "")).strip():
            return True
        try:
            shown = int(signing.loads(str(self.data.get("stamp", "")), salt=STAMP_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            return True
        elapsed = (now or time.time()) - shown
        return not MIN_SECONDS <= elapsed <= MAX_SECONDS


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Nom", required=False, max_length=100)
    role = forms.ChoiceField(label="Rôle", required=False)
    theme = forms.ChoiceField(label="Thématique", required=False)
    commune = forms.ChoiceField(label="Commune", required=False)
    epci = forms.ChoiceField(label="Intercommunalité", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Tous les rôles"), *ActorRole.choices]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [("", "Toutes"), *((t, t) for t in THEMES)]  # type: ignore[attr-defined]
        self.fields["commune"].choices = [("", "Toutes"), *territory_communes()]  # type: ignore[attr-defined]
        self.fields["epci"].choices = [("", "Toutes"), *territory_epcis()]  # type: ignore[attr-defined]
        _labelled(self)


class ActorSignupForm(PublicForm):
    name = forms.CharField(label="Nom et prénom", max_length=200)
    email = forms.EmailField(
        label="Courriel",
        help_text="Pour confirmer votre inscription ; affiché seulement si vous le choisissez.",
    )
    role = forms.ChoiceField(label="Rôle", choices=ActorRole.choices)
    structure = forms.ModelChoiceField(
        label="Structure",
        queryset=Structure.objects.order_by("name"),
        required=False,
        empty_label="Autre ou aucune",
    )
    structure_name = forms.CharField(
        label="Structure (si absente de la liste)", max_length=250, required=False
    )
    skills = forms.MultipleChoiceField(
        label="Compétences et thématiques",
        choices=[(t, t) for t in THEMES],
        widget=forms.CheckboxSelectMultiple,
    )
    communes = forms.MultipleChoiceField(
        label="Communes où vous intervenez",
        required=False,
        help_text="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    epcis = forms.MultipleChoiceField(
        label="Intercommunalités où vous intervenez", required=False, widget=forms.CheckboxSelectMultiple
    )
    department_wide = forms.BooleanField(label="J'interviens dans tout le département", required=False)
    languages = forms.CharField(
        label="Langues parlées", required=False, max_length=200, help_text="Séparées par des virgules."
    )
    contact_mode = forms.ChoiceField(
        label="Comment vous joindre", choices=ContactMode.choices, widget=forms.RadioSelect, initial="form"
    )
    phone = forms.CharField(label="Téléphone professionnel", max_length=30, required=False)
    consent = forms.BooleanField(
        label="J'accepte que ces informations figurent dans l'annuaire du réseau ; "
        "je peux les masquer ou les supprimer à tout moment par le lien reçu par courriel."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communes"].choices = territory_communes()  # type: ignore[attr-defined]
        self.fields["epcis"].choices = territory_epcis()  # type: ignore[attr-defined]
        _labelled(self)

    def clean_languages(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["languages"].split(",") if part.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("contact_mode") == ContactMode.PUBLIC
            and not cleaned.get("phone")
            and not cleaned.get("email")
        ):
            self.add_error("phone", "Téléphone : nécessaire pour un contact affiché.")
        return cleaned


class RequestForm(PublicForm):
    organisation = forms.CharField(label="Organisation", max_length=250)
    contact_name = forms.CharField(label="Votre nom", max_length=200)
    contact_email = forms.EmailField(label="Votre courriel", help_text="Pour vous répondre ; jamais publié.")
    contact_phone = forms.CharField(label="Votre téléphone", max_length=30, required=False)
    commune = forms.ChoiceField(label="Commune concernée", required=False)
    outside_territory = forms.CharField(
        label="Ou territoire hors du département", max_length=200, required=False
    )
    theme = forms.ChoiceField(label="Thématique")
    audience = forms.ChoiceField(label="Public visé", required=False)
    date_from = forms.DateField(
        label="À partir du", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Jusqu'au", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label="Votre projet",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Ce que vous voulez faire, avec qui, ce que vous attendez du réseau.",
    )
    consent = forms.BooleanField(
        label="J'accepte que l'animation du réseau transmette ma demande et mes coordonnées aux acteurs qui "
        "peuvent y répondre."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", "Choisir une commune"), *territory_communes()]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [("", "Choisir"), *((t, t) for t in THEMES), ("Autre", "Autre")]  # type: ignore[attr-defined]
        self.fields["audience"].choices = [("", "Non précisé"), *((a, a) for a in AUDIENCES)]  # type: ignore[attr-defined]
        _labelled(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("commune")
            and not cleaned.get("outside_territory", "").strip()
            and "commune" not in self.errors
        ):
            self.add_error(
                "commune",
                "Commune concernée : choisissez une commune, ou indiquez un territoire hors du département.",
            )
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Jusqu'au : la date de fin précède la date de début.")
        return cleaned


class RouteForm(forms.Form):
    targets = forms.MultipleChoiceField(
        label="Acteurs suggérés", required=False, widget=forms.CheckboxSelectMultiple
    )
    other = forms.ChoiceField(label="Ou un autre acteur de l'annuaire", required=False)
    message = forms.CharField(
        label="Message aux acteurs", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]], others: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = choices  # type: ignore[attr-defined]
        self.fields["other"].choices = [("", "Aucun"), *others]  # type: ignore[attr-defined]
        _labelled(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("targets") and not cleaned.get("other"):
            self.add_error(
                "targets", "Acteurs suggérés : cochez au moins un acteur, ou choisissez-en un autre."
            )
        return cleaned


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Issue", choices=[("", "Choisir"), *Outcome.choices])
    note = forms.CharField(
        label="Bilan", required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _labelled(self)


class AnswerForm(forms.Form):
    note = forms.CharField(
        label="Un mot pour l'animation (facultatif)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StructureProfileForm(forms.Form):
    """What a member structure's editors say of it in the directory."""

    summary = forms.CharField(
        label="Présentation", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    website = forms.URLField(label="Site web", required=False, max_length=500, assume_scheme="https")
    themes = forms.MultipleChoiceField(
        label="Thématiques",
        required=False,
        choices=[(t, t) for t in THEMES],
        widget=forms.CheckboxSelectMultiple,
        help_text="En plus des services de vos lieux, déjà pris en compte.",
    )
    communes = forms.MultipleChoiceField(
        label="Communes où la structure intervient hors de ses lieux",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    epcis = forms.MultipleChoiceField(
        label="Intercommunalités couvertes", required=False, widget=forms.CheckboxSelectMultiple
    )
    department_wide = forms.BooleanField(label="Intervient dans tout le département", required=False)
    listed = forms.BooleanField(label="Afficher la structure dans l'annuaire", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communes"].choices = territory_communes()  # type: ignore[attr-defined]
        self.fields["epcis"].choices = territory_epcis()  # type: ignore[attr-defined]
        _labelled(self)


class GatheringRegistrationForm(PublicForm):
    sessions = forms.TypedMultipleChoiceField(
        label="Sessions", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    name = forms.CharField(label="Nom et prénom", max_length=200)
    email = forms.EmailField(label="Courriel", help_text="Pour la confirmation ; jamais publié.")
    organisation = forms.CharField(
        label="Structure", max_length=250, required=False, help_text="Imprimée sur le badge."
    )

    def __init__(self, *args: Any, sessions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = sessions  # type: ignore[attr-defined]
        _labelled(self)
        self.fields["sessions"].error_messages["required"] = "Sessions : cochez au moins une session."
