"""Forms of the agenda: the filters (GET), an event with its slots, a registration, a rejection.

Every error message starts with the French name of its field, so that the summary reads on its own.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError

from maillage.accounts.models import Structure
from maillage.agenda.domain.images import image_problem
from maillage.agenda.domain.rules import SlotInput
from maillage.agenda.domain.vocabularies import ACCESSIBILITY, AUDIENCES, KEYWORDS
from maillage.agenda.enums import EventStatus, RegistrationKind
from maillage.agenda.models import Event
from maillage.agenda.selectors import EventFilters
from maillage.core.forms import form_errors
from maillage.places.models import Place
from maillage.places.selectors import places_published
from maillage.territories.models import Commune, Epci

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
HONEYPOT = "site_personnel"
SLOT_ROWS = 3


def messages_for(label: str) -> dict[str, str]:
    return {
        "required": f"{label} : ce champ est obligatoire.",
        "invalid": f"{label} : valeur non valable.",
        "invalid_choice": f"{label} : choix non valable.",
        "max_length": f"{label} : %(limit_value)d caractères au plus.",
        "min_value": f"{label} : %(limit_value)s au moins.",
        "invalid_list": f"{label} : choix non valable.",
    }


def _labelled(form: forms.Form) -> None:
    for field in form.fields.values():
        label = str(field.label)
        field.error_messages = {**field.error_messages, **messages_for(label)}


def _field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(name)
    return field


def _model_field(form: forms.Form, name: str) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(name)
    return field


def territory_communes() -> list[tuple[str, str]]:
    return [
        (c.insee_code, c.name)
        for c in Commune.objects.filter(in_territory=True).only("insee_code", "name").order_by("search_name")
    ]


def territory_epcis() -> list[tuple[str, str]]:
    return [
        (e.siren, e.name)
        for e in Epci.objects.filter(communes__in_territory=True)
        .distinct()
        .only("siren", "name")
        .order_by("name")
    ]


class EventFilterForm(forms.Form):
    """The GET filters of the list, calendar, map and feeds (French parameter names)."""

    du = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    commune = forms.ChoiceField(label="Commune", required=False)
    epci = forms.ChoiceField(label="Intercommunalité", required=False)
    mot = forms.ChoiceField(
        label="Thème", required=False, choices=[("", "Tous")] + [(k, k) for k in KEYWORDS]
    )
    public = forms.ChoiceField(
        label="Public", required=False, choices=[("", "Tous")] + [(a, a) for a in AUDIENCES]
    )
    en_ligne = forms.BooleanField(label="En ligne seulement", required=False)
    lieu = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "commune").choices = [("", "Toutes"), *territory_communes()]
        _field(self, "epci").choices = [("", "Toutes"), *territory_epcis()]
        _labelled(self)

    def filters(self) -> EventFilters:
        if not self.is_valid():
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        else:
            data = self.cleaned_data
        return EventFilters(
            date_from=data.get("du"),
            date_to=data.get("au"),
            insee_code=data.get("commune") or "",
            epci=data.get("epci") or "",
            keyword=data.get("mot") or "",
            audience=data.get("public") or "",
            online=bool(data.get("en_ligne")),
            place_id=data.get("lieu"),
        )

    def query(self, **extra: str) -> str:
        """The valid filters as a query string (for feed links and calendar navigation)."""
        self.is_valid()
        params = []
        for name in self.fields:
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            if value in (None, "", False):
                continue
            params.append((name, "1" if value is True else str(value)))
        params.extend((key, value) for key, value in extra.items() if value)
        return urlencode(params)

    def error_list(self) -> list[str]:
        return form_errors(self)


class SlotForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    day = forms.DateField(label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    begin = forms.TimeField(label="Début", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label="Fin", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(label="Nombre de places", required=False, min_value=1)

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        _labelled(self)
        for name in ("day", "begin", "end", "capacity"):
            field = self.fields[name]
            field.error_messages = {
                **field.error_messages,
                **messages_for(f"Créneau {number}, {field.label}"),
            }

    def slot(self) -> SlotInput | None:
        data = self.cleaned_data
        if not data.get("day"):
            return None
        if not data.get("begin") or not data.get("end"):
            raise ValidationError(f"Créneau {self.number} : indiquez l'heure de début et de fin.")
        begin = datetime.datetime.combine(data["day"], data["begin"], tzinfo=PARIS)
        end = datetime.datetime.combine(data["day"], data["end"], tzinfo=PARIS)
        return SlotInput(begin=begin, end=end, capacity=data.get("capacity"), id=data.get("id"))


class EventForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=200)
    summary = forms.CharField(
        label="Résumé",
        max_length=200,
        help_text="Une phrase, 200 caractères au plus.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Format Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…).",
    )
    organiser = forms.ModelChoiceField(
        label="Structure organisatrice", queryset=Structure.objects.none(), required=False
    )
    place = forms.ModelChoiceField(
        label="Lieu du recensement",
        queryset=Place.objects.none(),
        required=False,
        help_text="Choisissez le lieu s'il est sur la carte ; sinon indiquez l'adresse ci-dessous.",
    )
    location_name = forms.CharField(label="Nom du lieu", max_length=250, required=False)
    address = forms.CharField(label="Adresse", max_length=300, required=False)
    postal_code = forms.CharField(label="Code postal", max_length=5, required=False)
    commune = forms.ChoiceField(label="Commune", required=False)
    online_url = forms.URLField(
        label="Lien pour participer en ligne", max_length=500, required=False, assume_scheme="https"
    )
    keywords = forms.MultipleChoiceField(
        label="Thèmes",
        required=False,
        choices=[(k, k) for k in KEYWORDS],
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.MultipleChoiceField(
        label="Publics",
        required=False,
        choices=[(a, a) for a in AUDIENCES],
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.MultipleChoiceField(
        label="Accessibilité",
        required=False,
        choices=list(ACCESSIBILITY.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    free = forms.BooleanField(label="Gratuit", required=False, initial=True)
    price = forms.CharField(
        label="Tarif", max_length=200, required=False, help_text="Si l'événement est payant."
    )
    registration_kind = forms.ChoiceField(
        label="Inscription", choices=RegistrationKind.choices, initial=RegistrationKind.NONE
    )
    registration_value = forms.CharField(
        label="Lien, téléphone ou courriel d'inscription",
        max_length=500,
        required=False,
        help_text="Pour une inscription par lien, téléphone ou courriel.",
    )
    image = forms.FileField(
        label="Image",
        required=False,
        help_text="JPEG, PNG ou WebP, 2 Mo au plus.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label="Texte alternatif de l'image",
        max_length=300,
        required=False,
        help_text="Obligatoire avec une image : ce qu'elle montre, pour qui ne la voit pas.",
    )
    proposer_email = forms.EmailField(
        label="Votre courriel",
        required=False,
        help_text="Pour vous prévenir de la décision de l'animation ; il n'est pas publié.",
    )
    site_personnel = forms.CharField(label="Laissez ce champ vide", required=False)

    def __init__(
        self, *args: Any, user: Any, structures: Any, event: Event | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.event = event
        _model_field(self, "organiser").queryset = structures
        _model_field(self, "place").queryset = places_published().order_by("name", "pk")
        _field(self, "commune").choices = [("", "—"), *territory_communes()]
        if getattr(user, "is_authenticated", False) or event is not None:
            del self.fields["proposer_email"]
        else:
            self.fields["proposer_email"].required = True
        if event is not None:
            self.fields["status"] = forms.ChoiceField(label="Statut", choices=EventStatus.choices)
        _labelled(self)

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image:
            head = image.read(12)
            image.seek(0)
            problem = image_problem(head=head, size=image.size)
            if problem:
                raise ValidationError(problem)
        return image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_image = bool(data.get("image")) or bool(
            self.event and self.event.image and data.get("image") is not False
        )
        if has_image and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt", "Texte alternatif de l'image : décrivez l'image pour qui ne la voit pas."
            )
        if data.get("registration_kind") in {"link", "phone", "email"} and not data.get("registration_value"):
            self.add_error(
                "registration_value", "Inscription : indiquez le lien, le téléphone ou le courriel."
            )
        if not data.get("free") and not (data.get("price") or "").strip():
            self.add_error("price", "Tarif : indiquez le prix quand l'événement est payant.")
        if not (data.get("place") or data.get("online_url") or (data.get("address") and data.get("commune"))):
            self.add_error(
                None,
                "Lieu : choisissez un lieu du recensement, indiquez une adresse avec sa commune, "
                "ou un lien pour participer en ligne.",
            )
        return data

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in EVENT_FIELDS}
        fields["commune"] = (
            Commune.objects.filter(pk=data["commune"]).first() if data.get("commune") else None
        )
        if data.get("image"):
            fields["image"] = data["image"]
        elif data.get("image") is False:  # "clear" ticked
            fields["image"] = ""
        if "status" in data:
            fields["status"] = data["status"]
        return fields


def slot_forms(data: Any = None, *, event: Event | None = None) -> list[SlotForm]:
    initial: list[dict[str, Any]] = []
    if event is not None:
        for slot in event.slots.order_by("begin", "pk"):
            begin, end = slot.begin.astimezone(PARIS), slot.end.astimezone(PARIS)
            initial.append(
                {
                    "id": slot.pk,
                    "day": begin.date(),
                    "begin": begin.time(),
                    "end": end.time(),
                    "capacity": slot.capacity,
                }
            )
    rows = max(SLOT_ROWS, len(initial) + 1)
    return [
        SlotForm(data, prefix=f"creneau-{n}", number=n, initial=initial[n - 1] if n <= len(initial) else None)
        for n in range(1, rows + 1)
    ]


def slots_of(forms_: list[SlotForm]) -> tuple[list[SlotInput], list[str]]:
    """The filled slots, and the problems found in them (all forms must have been validated)."""
    slots: list[SlotInput] = []
    problems: list[str] = []
    for form in forms_:
        if not form.is_valid():
            problems.extend(str(e) for errors in form.errors.values() for e in errors)
            continue
        try:
            slot = form.slot()
        except ValidationError as exc:
            problems.extend(exc.messages)
            continue
        if slot is not None:
            slots.append(slot)
    return slots, problems


# The event's own fields, as the form gives them to the services (and the edit page prefills them).
EVENT_FIELDS = (
    "title",
    "summary",
    "description",
    "organiser",
    "place",
    "location_name",
    "address",
    "postal_code",
    "online_url",
    "keywords",
    "audience",
    "accessibility",
    "free",
    "price",
    "registration_kind",
    "registration_value",
    "image_alt",
)


class RegistrationForm(forms.Form):
    slot = forms.TypedChoiceField(label="Créneau", coerce=int)
    name = forms.CharField(label="Nom et prénom", max_length=200)
    email = forms.EmailField(
        label="Courriel", help_text="Pour la confirmation, le rappel et le lien d'annulation."
    )
    phone = forms.CharField(label="Téléphone", max_length=30, required=False, help_text="Facultatif.")
    site_personnel = forms.CharField(label="Laissez ce champ vide", required=False)

    def __init__(self, *args: Any, slots: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "slot").choices = slots
        if len(slots) == 1:
            self.fields["slot"].initial = slots[0][0]
        _labelled(self)

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class OrganiserRegistrationForm(forms.Form):
    """The organiser registers someone who called or came by: no e-mail needed, no spam check."""

    slot = forms.TypedChoiceField(label="Créneau", coerce=int)
    name = forms.CharField(label="Nom et prénom", max_length=200)
    email = forms.EmailField(
        label="Courriel",
        required=False,
        help_text="Facultatif : la personne reçoit alors la confirmation, le rappel et le lien d'annulation.",
    )
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)

    def __init__(self, *args: Any, slots: list[tuple[int, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "ajout-%s")  # ids apart from the page's other forms
        super().__init__(*args, **kwargs)
        _field(self, "slot").choices = slots
        if len(slots) == 1:
            self.fields["slot"].initial = slots[0][0]
        _labelled(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not (cleaned.get("phone") or "").strip():
            self.add_error("phone", "Indiquez un courriel ou un téléphone pour pouvoir prévenir la personne.")
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _labelled(self)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Statut", choices=EventStatus.choices)
    note = forms.CharField(
        label="Message aux personnes inscrites",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Facultatif : par exemple la nouvelle date.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _labelled(self)


def parse_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
