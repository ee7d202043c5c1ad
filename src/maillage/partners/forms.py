from __future__ import annotations

from django import forms

from maillage.partners.models import Scope


class PartnerTokenForm(forms.Form):
    name = forms.CharField(label="Partenaire", max_length=200, help_text="Ex. : UDAF de la Loire")
    contact_email = forms.EmailField(
        label="Courriel du partenaire",
        required=False,
        help_text="Il reçoit les réponses de la modération sur les lieux envoyés.",
    )
    scopes = forms.MultipleChoiceField(
        label="Droits",
        choices=Scope.choices,
        initial=[Scope.PLACES_WRITE.value],
        widget=forms.CheckboxSelectMultiple,
    )
    pushes_per_hour = forms.IntegerField(
        label="Envois par heure au plus", min_value=1, max_value=3600, initial=60
    )
