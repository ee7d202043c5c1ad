"""Forms of the newsletters: subscribe, compose, add a block, schedule, import subscribers."""

from __future__ import annotations

import zoneinfo

from django import forms

from maillage.newsletters.domain.blocks import KINDS
from maillage.newsletters.models import Letter, MailingList

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MAX_IMPORT_BYTES = 2_000_000


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Indiquez une adresse.", "invalid": "Cette adresse n'est pas valide."},
    )


class LetterForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Letter
        fields = ["mailing_list", "subject", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}
        labels = {"intro": "Introduction (Markdown, facultative)"}


class LetterTextForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Letter
        fields = ["subject", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}
        labels = {"intro": "Introduction (Markdown, facultative)"}


class BlockForm(forms.Form):
    kind = forms.ChoiceField(choices=list(KINDS.items()))
    ref = forms.CharField(required=False, max_length=100)
    text = forms.CharField(
        label="Texte libre (Markdown)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class BlockActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("up", "monter"), ("down", "descendre"), ("remove", "retirer")])


class ScheduleForm(forms.Form):
    when = forms.DateTimeField(
        label="Envoi programmé le (vide : dès maintenant)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )


class PickerForm(forms.Form):
    """The period and territory of the content offered in the composer."""

    du = forms.DateField(
        label="Événements du", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    au = forms.DateField(label="au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    insee = forms.CharField(label="Code INSEE de la commune (facultatif)", required=False, max_length=5)


class ImportForm(forms.Form):
    file = forms.FileField(label="Fichier CSV (colonnes « email » et « consentement »)")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Le fichier dépasse 2 Mo.")
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return str(raw.decode(encoding))
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError("Le fichier n'est ni en UTF-8 ni en Windows-1252.")


class PreferencesForm(forms.Form):
    lists = forms.ModelMultipleChoiceField(
        label="Les lettres que je reçois",
        queryset=MailingList.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
