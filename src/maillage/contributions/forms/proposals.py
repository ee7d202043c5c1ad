"""Forms of contributions: propose a place, propose a correction, report a problem, moderate.

Every error message starts with the French name of its field ("Code postal : …"), so that the error
summary at the top of a form makes sense read on its own. Values are checked against the national
standard (the `Lieu` model) and stored under our field names, as JSON values.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from pydantic import ValidationError

from maillage.census.services.cards import jsonable
from maillage.contributions.presenters import (
    MODERATOR_FIELDS,
    PROPOSAL_FIELDS,
    card_initial,
)
from maillage.core.text import normalize_commune
from maillage.interop.mediation_numerique.mapping import (
    STANDARD_TO_PLACE,
    lieu_to_place_fields,
    place_fields_to_lieu,
)
from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.domain.hours import EXAMPLE, validate_hours
from maillage.places.domain.search import SearchFilters
from maillage.places.enums import ReportReason
from maillage.places.labels import PLACEHOLDER_PIVOT, field_label
from maillage.places.models import Place
from maillage.places.search import places_search
from maillage.places.selectors import places_published
from maillage.territories.models import Commune
from maillage.territories.selectors import CommuneIndex

HONEYPOT = "site_personnel"
UUID_IN_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
MAX_CANDIDATES = 8
ENUM_FIELDS = {
    "services": "services",
    "publics": "publics_specifiquement_adresses",
    "specific_support": "prise_en_charge_specifique",
    "fees": "frais_a_charge",
    "access_modes": "modalites_acces",
    "support_modes": "modalites_accompagnement",
}
HELP = {
    "pivot": "Facultatif : les 14 chiffres du SIRET de la structure qui porte le lieu.",
    "address": "Numéro et nom de la voie, par exemple « 12 rue de la République ».",
    "phone": "Un seul numéro, par exemple 04 77 00 00 00.",
    "emails": "Une adresse par ligne.",
    "websites": "Une adresse par ligne, commençant par https:// ou http://.",
    "booking_url": "Adresse commençant par https:// ou http://.",
    "acceslibre_url": "Adresse de la fiche sur acceslibre.beta.gouv.fr.",
    "opening_hours": (
        f"Au format OpenStreetMap, par exemple « {EXAMPLE} ». Jours : Mo lundi, Tu mardi, We mercredi, "
        "Th jeudi, Fr vendredi, Sa samedi, Su dimanche ; PH off : fermé les jours fériés."
    ),
    "summary": "280 caractères au plus.",
}
MAX_LENGTHS = {
    "name": 250,
    "pivot": 20,
    "address": 300,
    "address_complement": 300,
    "postal_code": 10,
    "commune_name": 200,
    "phone": 30,
    "opening_hours": 1000,
}


def messages_for(label: str) -> dict[str, str]:
    return {
        "required": f"{label} : ce champ est obligatoire.",
        "invalid": f"{label} : valeur non valide.",
        "invalid_choice": f"{label} : « %(value)s » ne fait pas partie des choix proposés.",
        "invalid_list": f"{label} : valeur non valide.",
        "max_length": f"{label} : %(limit_value)d caractères au plus (%(show_value)d saisis).",
        "min_value": f"{label} : valeur trop petite.",
        "max_value": f"{label} : valeur trop grande.",
    }


def _message(label: str, text: str) -> str:
    text = text.rstrip(".")
    if text[1:2].islower():  # "Horaires illisibles" → "horaires illisibles", "URL" stays
        text = text[:1].lower() + text[1:]
    return f"{label} : {text}."


def _card_field(name: str, *, required: bool) -> forms.Field:
    label = field_label(name)
    common: dict[str, Any] = {
        "label": label,
        "required": required,
        "help_text": HELP.get(name, ""),
        "error_messages": messages_for(label),
    }
    if name in ENUM_FIELDS:
        choices = [(value, value) for value in ENUMERATIONS[ENUM_FIELDS[name]]]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if name in {"latitude", "longitude"}:
        limit = 90 if name == "latitude" else 180
        return forms.FloatField(min_value=-limit, max_value=limit, localize=True, **common)
    if name in {"emails", "websites", "description"}:
        rows = 6 if name == "description" else 2
        return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), max_length=5000, **common)
    if name == "summary":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=280, **common)
    return forms.CharField(max_length=MAX_LENGTHS.get(name, 500), **common)


def _lines(text: str) -> list[str]:
    return [item for item in re.split(r"[\s,;]+", text) if item]


def _differs(new: Any, old: Any) -> bool:
    """Lists are compared as sets: checkboxes come back in the standard's order, not the card's."""
    if isinstance(new, list) and isinstance(old, list):
        return set(new) != set(old)
    return bool(new != jsonable(old))


def _commune(name: str, postal_code: str) -> Commune | None:
    """The commune an address names (its name, helped by the postal code), or None."""
    candidates = list(Commune.objects.filter(search_name=normalize_commune(name)))
    found = CommuneIndex(candidates).resolve(name=name, postal_code=postal_code)
    return found if isinstance(found, Commune) else None


class CardForm(forms.Form):
    """The card's fields, checked one by one, then together against the national standard."""

    fields_shown: tuple[str, ...] = PROPOSAL_FIELDS
    required_fields = frozenset({"name", "address", "postal_code", "commune_name"})

    def __init__(self, *args: Any, place: Place | None = None, **kwargs: Any) -> None:
        self.place = place
        if place is not None and "initial" not in kwargs:
            kwargs["initial"] = card_initial(place)
        super().__init__(*args, **kwargs)
        for name in self.fields_shown:
            self.fields[name] = _card_field(name, required=name in self.required_fields)
        self.order_fields([*self.fields_shown, *[n for n in self.fields if n not in self.fields_shown]])
        self.fields["opening_hours"].widget.attrs.update(
            {
                "hx-get": reverse("contributions:contribution-hours-preview"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#contrib-hours-preview",
                "hx-sync": "this:replace",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        )
        self.card: dict[str, Any] = {}

    def clean_opening_hours(self) -> str:
        value = str(self.cleaned_data.get("opening_hours") or "").strip()
        problem = validate_hours(value) if value else None
        if problem:
            raise forms.ValidationError(_message(field_label("opening_hours"), problem))
        return value

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name in self.fields_shown:
            if name in self.errors or name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            if name in {"emails", "websites"}:
                value = _lines(value or "")
            values[name] = value
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = self._values()
        payload = {
            **values,
            "id": str(self.place.pk if self.place else uuid.uuid4()),
            "pivot": values.get("pivot") or PLACEHOLDER_PIVOT,
            "updated_on": timezone.localdate(),
        }
        try:
            lieu = place_fields_to_lieu(payload)
        except ValidationError as error:
            self._standard_errors(error)
            return cleaned
        checked = lieu_to_place_fields(lieu)
        self.card = {name: jsonable(checked[name]) for name in values}  # type: ignore[literal-required]
        if "pivot" in self.card and not self.card["pivot"]:
            self.card["pivot"] = PLACEHOLDER_PIVOT
        self._resolve_commune()
        return cleaned

    def _standard_errors(self, error: ValidationError) -> None:
        for problem in error.errors():
            location = problem.get("loc") or ()
            standard = str(location[0]) if location else str((problem.get("ctx") or {}).get("field", ""))
            name = STANDARD_TO_PLACE.get(standard, standard)
            if name in self.errors:
                continue  # the field's own check already said what is wrong
            text = _message(field_label(name) if name else "Fiche", str(problem["msg"]))
            self.add_error(name if name in self.fields else None, text)

    def _address_changed(self) -> bool:
        if self.place is None:
            return True
        return any(
            self.card.get(name) != getattr(self.place, name) for name in ("postal_code", "commune_name")
        )

    def _resolve_commune(self) -> None:
        if "commune_name" not in self.card or "postal_code" not in self.card or not self._address_changed():
            return
        commune = _commune(self.card["commune_name"], self.card["postal_code"])
        if commune is None:
            self.add_error(
                "commune_name",
                f"Commune : « {self.card['commune_name']} » introuvable avec le code postal "
                f"{self.card['postal_code']} ; vérifiez l'orthographe (par exemple « Saint-Étienne »).",
            )
            return
        self.card["commune_name"] = commune.name
        self.card["insee_code"] = commune.insee_code

    def changes(self) -> dict[str, Any]:
        """The card's fields whose checked value differs from the place's (all of them for a new place)."""
        if self.place is None:
            return {name: value for name, value in self.card.items() if value not in ("", [], None)}
        return {
            name: value for name, value in self.card.items() if _differs(value, getattr(self.place, name))
        }


class ContributorForm(forms.Form):
    """Who proposes (an e-mail address for the follow-up), a message, and a field only robots fill."""

    email = forms.EmailField(
        label="Votre adresse e-mail",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Pour vous dire ce que devient votre proposition ; elle n'est ni publiée ni partagée.",
        error_messages=messages_for("Votre adresse e-mail")
        | {"invalid": "Votre adresse e-mail : adresse non valide (exemple : nom@exemple.fr)."},
    )
    comment = forms.CharField(
        label="Message pour l'équipe d'animation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif : d'où vient l'information, ce qu'il faut savoir.",
        error_messages=messages_for("Message"),
    )
    site_personnel = forms.CharField(label="Ne pas remplir ce champ", required=False)

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


class NewPlaceForm(CardForm, ContributorForm):
    """A visitor proposes a place that is not on the map yet."""


class CorrectionForm(CardForm, ContributorForm):
    """A visitor proposes corrections to a published card (stored as the changed fields only)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(
                "Aucune modification : changez au moins un champ, ou utilisez « Signaler un problème »."
            )
        return cleaned


class ModeratorEditForm(CardForm):
    """The moderator's last word on a proposal before approving it (with the position)."""

    fields_shown = MODERATOR_FIELDS


class ReportForm(ContributorForm):
    """A visitor reports a problem on a card: closed, wrong information, duplicate, other."""

    reason = forms.ChoiceField(
        label="Quel est le problème ?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages=messages_for("Problème"),
    )
    duplicate_query = forms.CharField(
        label="Lieu en double",
        required=False,
        max_length=300,
        help_text="Son nom et sa commune, ou l'adresse (URL) de sa fiche sur ce site.",
        error_messages=messages_for("Lieu en double"),
    )
    duplicate_id = forms.UUIDField(required=False, widget=forms.HiddenInput)  # radios drawn by the template

    field_order = ["reason", "duplicate_query", "duplicate_id", "comment", "email", HONEYPOT]

    def __init__(self, *args: Any, place: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place = place
        self.candidates: list[Place] = []
        self.duplicate: Place | None = None
        self.fields["comment"].label = "Précisions"
        self.fields["comment"].help_text = (
            "Ce qui est erroné, ce qui a changé, ce que vous savez ; "
            "obligatoire pour « Informations erronées » et « Autre »."
        )
        self.fields["duplicate_query"].widget.attrs.update(
            {
                "hx-get": reverse("contributions:contribution-duplicate-search", args=[place.pk]),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#contrib-candidates",
                "hx-sync": "this:replace",
                "autocomplete": "off",
            }
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        reason = cleaned.get("reason")
        if reason in (ReportReason.WRONG, ReportReason.OTHER) and not cleaned.get("comment"):
            self.add_error("comment", "Précisions : dites-nous ce qui ne va pas.")
        if reason == ReportReason.DUPLICATE:
            self.duplicate = self._duplicate(cleaned)
        return cleaned

    def _duplicate(self, cleaned: dict[str, Any]) -> Place | None:
        others = places_published().exclude(pk=self.place.pk)
        chosen = cleaned.get("duplicate_id")
        if chosen:
            found = others.filter(pk=chosen).first()
            if found is not None:
                return found
        query = str(cleaned.get("duplicate_query") or "").strip()
        if not query:
            self.add_error("duplicate_query", "Lieu en double : indiquez son nom ou l'adresse de sa fiche.")
            return None
        identifier = UUID_IN_TEXT.search(query)
        if identifier:
            found = others.filter(pk=identifier.group(0)).first()
            if found is None:
                self.add_error(
                    "duplicate_query", "Lieu en double : aucune fiche publiée n'a cet identifiant."
                )
            return found
        self.candidates = duplicate_candidates(query, exclude=self.place)
        if len(self.candidates) == 1:
            return self.candidates[0]
        if not self.candidates:
            self.add_error("duplicate_query", f"Lieu en double : aucun lieu ne correspond à « {query} ».")
        else:
            self.add_error(
                "duplicate_query",
                f"Lieu en double : plusieurs lieux correspondent à « {query} » ; choisissez-le ci-dessous.",
            )
        return None


def duplicate_candidates(query: str, *, exclude: Place) -> list[Place]:
    """Published places whose name, commune or address match `query` (at most a few)."""
    if len(query.strip()) < 2:
        return []
    hits = places_search(SearchFilters(q=query)).hits
    return [hit.place for hit in hits if hit.place.pk != exclude.pk][:MAX_CANDIDATES]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Il est envoyé à la personne qui a fait la proposition.",
        error_messages=messages_for("Motif du refus"),
    )
