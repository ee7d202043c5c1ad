"""Forms of the watch: a news item, a pick from a partner feed."""

from __future__ import annotations

from django import forms

from maillage.news.models import NewsItem


def tags_parse(value: str) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in value.split(",") if t.strip()))[:20]


class NewsItemForm(forms.ModelForm):  # type: ignore[type-arg]
    url = forms.URLField(label="Lien", required=False, max_length=1000, assume_scheme="https")
    tags_text = forms.CharField(label="Mots-clés (séparés par des virgules)", required=False, max_length=500)

    class Meta:
        model = NewsItem
        fields = ["kind", "title", "body", "url"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") in ("link", "resource") and not data.get("url"):
            self.add_error("url", "Un lien commenté ou une ressource a besoin de son adresse.")
        data["tags"] = tags_parse(str(data.pop("tags_text", "") or ""))
        return data


class PickForm(forms.Form):
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags_text = forms.CharField(label="Mots-clés", required=False, max_length=500)
