"""Forms of lending: they parse; the services decide (errors come back as BookingError, field named)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from maillage.accounts.models import Structure
from maillage.agenda.enums import Publication
from maillage.agenda.models import Event
from maillage.lending.enums import SupportNeed, Theme
from maillage.lending.models import Booking, Kit
from maillage.territories.models import Commune

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _communes() -> QuerySet[Commune]:
    return Commune.objects.filter(department_code=settings.MAILLAGE_TERRITORY_CODE).order_by("name")


def _events(structures: QuerySet[Structure]) -> QuerySet[Event]:
    today = datetime.date.today()  # noqa: DTZ011 (a choice list, not a decision)
    return (
        Event.objects.filter(publication=Publication.PUBLISHED, slots__end__date__gte=today)
        .filter(organiser__in=structures)
        .distinct()
        .order_by("title")
    )


class MemberForm(forms.Form):
    """A form made for one of the person's structures: its events of the agenda, the territory's communes."""

    def __init__(self, *args: Any, structures: QuerySet[Structure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures  # type: ignore[attr-defined]
        self.fields["event"].queryset = _events(structures)  # type: ignore[attr-defined]
        self.fields["commune"].queryset = _communes()  # type: ignore[attr-defined]
        if structures.count() == 1:
            self.fields["structure"].initial = structures.first()


class CatalogueFilterForm(forms.Form):
    theme = forms.ChoiceField(
        label="Thème", choices=[("", "Tous les thèmes"), *Theme.choices], required=False
    )
    du = forms.DateField(label="Libre du", required=False, widget=DATE)
    au = forms.DateField(label="au", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("du"), data.get("au")
        if start and end and end < start:
            self.add_error("au", "Au : la date de fin précède la date de début.")
        if (start is None) != (end is None) and not self.errors:
            self.add_error("au" if start else "du", "Indiquez les deux dates pour chercher un kit libre.")
        return data


class BookingRequestForm(MemberForm):
    structure = forms.ModelChoiceField(label="Pour la structure", queryset=Structure.objects.none())
    start = forms.DateField(label="Retrait le", widget=DATE)
    end = forms.DateField(label="Retour le", widget=DATE)
    purpose = forms.CharField(
        label="Pour quoi faire",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="L'atelier, l'activité ou l'événement que ce matériel sert.",
    )
    audience = forms.CharField(label="Public attendu", max_length=300, required=False)
    expected_people = forms.IntegerField(
        label="Nombre de personnes attendues", min_value=1, max_value=10000, required=False
    )
    event = forms.ModelChoiceField(
        label="Événement de l'agenda (facultatif)", queryset=Event.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(
        label="Commune où il sert", queryset=Commune.objects.none(), required=False
    )
    waiting_list = forms.BooleanField(
        label="Si ces dates sont prises, m'inscrire en liste d'attente", required=False
    )


class ProposeForm(forms.Form):
    proposed_start = forms.DateField(label="Retrait proposé le", widget=DATE)
    proposed_end = forms.DateField(label="Retour proposé le", widget=DATE)
    note = forms.CharField(
        label="Message", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label="Motif du refus", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChecklistForm(forms.Form):
    """One number (present) and one box (broken) per item of the kit; trainees at a first hand-over."""

    def __init__(self, *args: Any, booking: Booking, with_trainees: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(booking.kit.items.all())
        for item in self.items:
            self.fields[f"item-{item.pk}"] = forms.IntegerField(
                label=f"{item.label} : présents sur {item.quantity}",
                min_value=0,
                max_value=item.quantity,
                initial=item.quantity,
            )
            self.fields[f"broken-{item.pk}"] = forms.BooleanField(
                label=f"{item.label} : abîmé", required=False
            )
            self.fields[f"note-{item.pk}"] = forms.CharField(
                label=f"{item.label} : remarque", max_length=300, required=False
            )
        if with_trainees:
            self.fields["trainees"] = forms.CharField(
                label="Personnes formées à la prise en main (première fois pour cette structure)",
                max_length=500,
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(self[f"item-{i.pk}"], self[f"broken-{i.pk}"], self[f"note-{i.pk}"]) for i in self.items]


class TrainingForm(forms.Form):
    kit = forms.ModelChoiceField(label="Kit", queryset=Kit.objects.filter(active=True))
    structure = forms.ModelChoiceField(label="Structure", queryset=Structure.objects.order_by("name"))
    day = forms.DateField(label="Le", widget=DATE)
    trainees = forms.CharField(label="Personnes formées", max_length=500)
    done = forms.BooleanField(
        label="Prise en main faite (décocher si elle est à venir)", required=False, initial=True
    )


class SupportForm(MemberForm):
    structure = forms.ModelChoiceField(label="Pour la structure", queryset=Structure.objects.none())
    title = forms.CharField(label="Événement", max_length=200)
    start = forms.DateField(label="Premier jour", widget=DATE)
    end = forms.DateField(label="Dernier jour", widget=DATE)
    needs = forms.MultipleChoiceField(
        label="Besoins", choices=SupportNeed.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 4}), max_length=3000
    )
    audience = forms.CharField(label="Public attendu", max_length=300, required=False)
    event = forms.ModelChoiceField(
        label="Événement de l'agenda (facultatif)", queryset=Event.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(label="Commune", queryset=Commune.objects.none(), required=False)


class SupportPlanForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(
        label="Équipe",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kit = forms.ModelChoiceField(label="Kit", queryset=Kit.objects.filter(active=True), required=False)
    answer = forms.CharField(label="Message", max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = get_user_model().objects.filter(is_staff=True, is_active=True)  # type: ignore[attr-defined]
        self.fields["staff"].label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    du = forms.DateField(label="Du", widget=DATE, required=False)
    au = forms.DateField(label="Au", widget=DATE, required=False)

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("du") or datetime.date(today.year, 1, 1)
        end = data.get("au") or datetime.date(today.year, 12, 31)
        return (start, end) if end >= start else (end, start)
