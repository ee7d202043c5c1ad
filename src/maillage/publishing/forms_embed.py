"""The embeddable map's builder (`/carte/integrer/`): the frame's size and the `<iframe>` code."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html

# The filters the builder offers (a subset of the map's): text, services, publics, commune, EPCI.
BUILDER_PARAMETERS = ("q", "services", "publics", "code_insee", "epci")
WIDTHS = [("100%", "Toute la largeur (100 %)"), ("800", "800 pixels"), ("640", "640 pixels")]
HEIGHTS = [("500", "500 pixels"), ("400", "400 pixels"), ("650", "650 pixels"), ("800", "800 pixels")]


class EmbedSizeForm(forms.Form):
    width = forms.ChoiceField(label="Largeur", choices=WIDTHS, required=False)
    height = forms.ChoiceField(label="Hauteur", choices=HEIGHTS, required=False)

    def chosen(self) -> tuple[str, str]:
        """(width, height) chosen, or the first choices when missing or wrong."""
        cleaned = self.cleaned_data if self.is_valid() else {}
        return cleaned.get("width") or WIDTHS[0][0], cleaned.get("height") or HEIGHTS[0][0]


def embed_code(url: str, *, title: str, width: str, height: str) -> str:
    """The `<iframe>` element to paste into another site (attribute values escaped)."""
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy"></iframe>',
        url,
        title,
        width,
        height,
    )
