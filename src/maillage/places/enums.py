"""Our own choices for places (the standard's enumerations live in interop.mediation_numerique)."""

from django.db import models


class PlaceStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié"
    ARCHIVED = "archived", "Archivé"  # by the census: no source feeds it any more (revived if one does)
    CLOSED = "closed", "Fermé"  # by a person: the place no longer exists (imports never reopen it)


class RecordKind(models.TextChoices):
    PLACE = "place", "Lieu"
    PROSPECT = "prospect", "Structure à inviter"
    REJECTED = "rejected", "Rejeté"
    PENDING = "pending", "En attente de modération"  # sent by a partner through the API, not yet accepted


class PairStatus(models.TextChoices):
    REVIEW = "review", "À examiner"
    AUTO_MERGED = "auto", "Fusionnés automatiquement"
    MERGED = "merged", "Fusionnés par décision"
    KEPT_APART = "apart", "Gardés séparés"


class Decision(models.TextChoices):
    MERGE = "merge", "Fusionner"
    KEEP_APART = "apart", "Garder séparés"


class TraceStatus(models.TextChoices):
    """What became of a source record, as the provenance export says it."""

    MERGED = "merged", "intégré"
    REVIEW = "review", "à examiner"
    KEPT_APART = "kept apart", "gardé séparé"
    PROSPECT = "prospect", "structure à inviter"
    REJECTED = "rejected", "rejeté"
    PENDING = "pending", "en attente de modération"


class VersionOrigin(models.TextChoices):
    IMPORT = "import", "import d'une source"
    MERGE = "merge", "fusion de doublons"
    EDIT = "edit", "modification par la structure"
    CONTRIBUTION = "contribution", "contribution modérée"
    MODERATION = "moderation", "modération"
    RESTORE = "restore", "restauration d'une version"
    FRESHNESS = "freshness", "vérification de la fiche"


class ContributionKind(models.TextChoices):
    NEW_PLACE = "new", "nouveau lieu"
    CORRECTION = "correction", "correction"
    REPORT = "report", "signalement"
    PARTNER = "partner", "fiche d'un partenaire"


class ContributionStatus(models.TextChoices):
    PENDING = "pending", "en attente"
    APPROVED = "approved", "acceptée"
    REJECTED = "rejected", "refusée"


class ReportReason(models.TextChoices):
    CLOSED = "closed", "Le lieu n'existe plus"
    WRONG = "wrong", "Informations erronées"
    DUPLICATE = "duplicate", "Doublon"
    OTHER = "other", "Autre"
