"""Structures (organisations that own places), people's memberships, invitations.

Roles: the network's **animators** are staff members (`is_staff`); a **structure editor** is a member
of one or more structures and edits their places; a **professional** is a signed-in partner (group
"professionnels") who sees non-public contact details; everyone else is an anonymous visitor.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

PROFESSIONALS_GROUP = "professionnels"


class Structure(models.Model):
    name = models.CharField("nom", max_length=250)
    siret = models.CharField("SIRET", max_length=14, blank=True, db_index=True)
    email = models.EmailField("courriel de contact", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "structure"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="personne",
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="memberships", verbose_name="structure"
    )
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "membre d'une structure"
        verbose_name_plural = "membres des structures"
        constraints = [models.UniqueConstraint(fields=["user", "structure"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.structure}"


class Invitation(models.Model):
    """An animator invites a person (by e-mail) to edit a structure's places, through a signed link."""

    email = models.EmailField("courriel")
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        indexes = [models.Index(fields=["email"], name="invitation_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} → {self.structure}"
