"""News items of the shared watch and the partner feeds whose entries feed it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.agenda.models import Event
from maillage.core.fields import StringListField
from maillage.news.enums import ItemKind
from maillage.places.models import Place
from maillage.territories.models import Commune


class Feed(models.Model):
    """A partner site's RSS or Atom feed, fetched with a conditional GET."""

    name = models.CharField("nom", max_length=200)
    url = models.URLField("adresse du flux", max_length=500, unique=True)
    active = models.BooleanField("relevé", default=True)
    etag = models.CharField("ETag", max_length=300, blank=True)
    last_modified = models.CharField("Last-Modified", max_length=100, blank=True)
    checked_at = models.DateTimeField("relevé le", null=True, blank=True)
    last_error = models.TextField("dernière erreur", blank=True)

    class Meta:
        verbose_name = "flux partenaire"
        verbose_name_plural = "flux partenaires"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class FeedItem(models.Model):
    """One entry of a partner feed, as read (deduplicated by GUID, or by link when there is none)."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items", verbose_name="flux")
    guid = models.CharField("identifiant", max_length=500)
    link = models.URLField("lien", max_length=1000, blank=True)
    title = models.CharField("titre", max_length=500)
    summary = models.TextField("résumé", blank=True)
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    fetched_at = models.DateTimeField("relevé le", auto_now_add=True)
    dismissed = models.BooleanField("écarté", default=False)

    class Meta:
        verbose_name = "entrée de flux"
        verbose_name_plural = "entrées de flux"
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["feed", "guid"], name="feeditem_guid_unique")]

    def __str__(self) -> str:
        return self.title


class NewsItem(models.Model):
    """A piece of the watch: news written here, a curated link, a resource, a local initiative."""

    kind = models.CharField("type", max_length=10, choices=ItemKind.choices, default=ItemKind.NEWS)
    title = models.CharField("titre", max_length=200)
    body = models.TextField("texte ou commentaire (Markdown)", blank=True)
    url = models.URLField("lien", max_length=1000, blank=True)
    tags = StringListField("mots-clés")
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    place = models.ForeignKey(
        Place, verbose_name="lieu", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        Event, verbose_name="événement", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.OneToOneField(
        FeedItem,
        verbose_name="entrée de flux d'origine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="picked",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField("publié le", db_index=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "élément de veille"
        verbose_name_plural = "éléments de veille"
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:item-detail", args=[self.pk])
