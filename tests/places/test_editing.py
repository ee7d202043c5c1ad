"""Editing a card from the outside: who may, what is published, what the history keeps, restores."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from maillage.accounts.models import PROFESSIONALS_GROUP, Membership, Structure
from maillage.contributions.forms.editing import PlaceEditForm
from maillage.home.demo import demo_load
from maillage.places.domain.merge import RecordFields, merge_records
from maillage.places.enums import PlaceStatus, VersionOrigin
from maillage.places.models import Place, PlaceVersion

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide"  # noqa: S105


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


@pytest.fixture
def place(census: None) -> Place:
    """A published place with hours and a structure of its own."""
    found = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .exclude(opening_hours="")
        .exclude(emails=[])
        .order_by("name")
        .first()
    )
    assert found is not None
    found.structure = Structure.objects.create(name="Structure du lieu")
    found.save(update_fields=["structure"])
    return found


def _user(username: str, **extra: Any) -> User:
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_user(place: Place) -> User:
    user = _user("editrice", first_name="Camille", last_name="Martin")
    Membership.objects.create(user=user, structure=place.structure)
    return user


@pytest.fixture
def editor(editor_user: User) -> Client:
    return _client(editor_user)


@pytest.fixture
def other_editor(place: Place) -> Client:
    user = _user("autre")
    Membership.objects.create(user=user, structure=Structure.objects.create(name="Une autre structure"))
    return _client(user)


@pytest.fixture
def professional(db: None) -> Client:
    user = _user("pro")
    user.groups.add(Group.objects.get_or_create(name=PROFESSIONALS_GROUP)[0])
    return _client(user)


@pytest.fixture
def animator(db: None) -> Client:
    return _client(_user("animatrice", is_staff=True))


def form_data(place: Place, **overrides: Any) -> dict[str, Any]:
    """What the edit form posts when nothing is touched, with `overrides`."""
    form = PlaceEditForm(place=place)
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, "")
        if isinstance(value, list):
            data[name] = value
        else:
            data[name] = "" if value is None else str(value)
        del field
    data["action"] = "save"
    data.update(overrides)
    return {name: value for name, value in data.items() if value != []}


def _edit_url(place: Place) -> str:
    return reverse("contributions:place-edit", args=[place.pk])


def test_editor_edits_their_place_published_at_once_and_logged(place: Place, editor: Client) -> None:
    url = _edit_url(place)
    page = editor.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Modifier la fiche" in html
    assert place.name in html
    assert "Ce que verront les visiteurs" in html  # the hours preview in plain French
    response = editor.post(
        url,
        form_data(
            place,
            phone="04 77 12 34 56",
            opening_hours="Mo-Fr 09:00-12:00",
            summary="Aide aux démarches en ligne, sans rendez-vous.",
            comment="nouveaux horaires",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("publishing:place-detail", args=[place.pk])
    place.refresh_from_db()
    assert place.phone == "+33477123456"  # the standard's form
    assert place.opening_hours == "Mo-Fr 09:00-12:00"
    version = place.versions.order_by("-created_at", "-pk").first()
    assert version is not None
    assert version.origin == VersionOrigin.EDIT
    assert version.author is not None
    assert version.author.get_username() == "editrice"
    assert version.author_label == "Camille Martin"
    assert version.comment == "nouveaux horaires"
    assert version.changes["phone"][1] == "+33477123456"
    assert set(version.changes) >= {"phone", "opening_hours", "summary"}
    card = editor.get(response["Location"]).content.decode()
    assert "+33477123456" in card
    assert "Fiche publiée" in card


def test_edits_survive_a_reimport_of_the_sources(place: Place, editor: Client) -> None:
    places = Place.objects.count()
    assert place.services
    assert place.emails
    kept_email = place.emails[0]
    edit = form_data(place, name="Espace numérique rénové", phone="0477999999", emails=kept_email)
    edit.pop("services", None)  # every service unticked: the list is emptied, not merged back
    assert editor.post(_edit_url(place), edit).status_code == 302
    demo_load(with_france=False)
    place.refresh_from_db()
    assert place.name == "Espace numérique rénové"
    assert place.phone == "+33477999999"
    assert place.emails == [kept_email]
    assert place.services == []
    assert place.status == PlaceStatus.PUBLISHED
    assert Place.objects.count() == places  # the edit made no second place


def test_animators_edit_any_place(place: Place, animator: Client) -> None:
    other = Place.objects.filter(status=PlaceStatus.PUBLISHED, structure=None).first()
    assert other is not None
    assert animator.get(_edit_url(other)).status_code == 200
    response = animator.post(_edit_url(other), form_data(other, summary="Corrigé par l'animation."))
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.summary == "Corrigé par l'animation."


def test_others_cannot_reach_the_edit_page(
    place: Place, other_editor: Client, professional: Client, client: Client
) -> None:
    url = _edit_url(place)
    before = PlaceVersion.objects.count()
    for who in (other_editor, professional):
        assert who.get(url).status_code == 403
        assert who.post(url, form_data(place, name="Piraté")).status_code == 403
    anonymous = client.post(url, form_data(place, name="Piraté"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/connexion/?next=")
    assert client.get(url)["Location"].startswith("/connexion/?next=")
    place.refresh_from_db()
    assert place.name != "Piraté"
    assert PlaceVersion.objects.count() == before


def test_edit_actions_on_the_place_page(place: Place, editor: Client, other_editor: Client) -> None:
    url = reverse("publishing:place-detail", args=[place.pk])
    edit, history = _edit_url(place), reverse("contributions:place-history", args=[place.pk])
    mine = editor.get(url).content.decode()
    assert edit in mine
    assert history in mine
    theirs = other_editor.get(url).content.decode()
    assert edit not in theirs
    assert history in theirs
    public = Client().get(url).content.decode()
    assert edit not in public
    assert history in public


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("opening_hours", "lundi 9h-12h", "Horaires illisibles"),
        ("websites", "www.exemple.fr", "http:// ou https://"),
        ("booking_url", "ftp://exemple.fr/rdv", "http:// ou https://"),
        ("phone", "12", "numéro de téléphone"),
        ("postal_code", "4200", "code postal"),
        ("insee_code", "99999", "Aucune commune connue"),
        ("emails", "contact@", "adresse(s) e-mail invalide(s)"),
        ("name", "", "Ce champ est obligatoire"),
        ("latitude", "45,4", "longitude"),
        ("summary", "x" * 281, "résumé trop long"),
    ],
)
def test_invalid_values_are_refused_in_french(
    place: Place, editor: Client, field: str, value: str, message: str
) -> None:
    data = form_data(place, **{field: value})
    if field == "latitude":
        data["longitude"] = ""
    before = PlaceVersion.objects.count()
    response = editor.post(_edit_url(place), data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "La fiche n'est pas enregistrée" in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert PlaceVersion.objects.count() == before


def test_enumerations_come_from_the_standard(place: Place, editor: Client) -> None:
    data = form_data(place, services=["Pas un service du standard"])
    assert editor.post(_edit_url(place), data).status_code == 200
    data = form_data(place, fees=["Gratuit"], access_modes=["Se présenter", "Téléphoner"])
    assert editor.post(_edit_url(place), data).status_code == 302
    place.refresh_from_db()
    assert place.fees == ["Gratuit"]
    assert place.access_modes == ["Se présenter", "Téléphoner"]


def test_preview_and_unchanged_submissions_save_nothing(place: Place, editor: Client) -> None:
    before = PlaceVersion.objects.count()
    preview = editor.post(
        _edit_url(place), form_data(place, opening_hours="Sa 10:00-12:00", action="preview")
    )
    assert preview.status_code == 200
    assert "samedi" in preview.content.decode().lower()
    unchanged = editor.post(_edit_url(place), form_data(place), follow=True)
    assert "Aucune modification" in unchanged.content.decode()
    assert PlaceVersion.objects.count() == before
    place.refresh_from_db()
    assert place.opening_hours != "Sa 10:00-12:00"


def test_ticking_the_same_boxes_in_another_order_changes_nothing(place: Place, editor: Client) -> None:
    assert len(place.services) > 1
    before = PlaceVersion.objects.count()
    response = editor.post(_edit_url(place), form_data(place, services=list(reversed(place.services))))
    assert response.status_code == 302
    assert PlaceVersion.objects.count() == before


def test_hours_preview_fragment(db: None, client: Client) -> None:
    url = reverse("contributions:hours-preview")
    good = client.get(url, {"opening_hours": "Mo-Fr 09:00-12:00"}).content.decode()
    assert "du lundi au vendredi" in good.lower()
    bad = client.get(url, {"opening_hours": "mardi 9h"}).content.decode()
    assert "Horaires illisibles" in bad


def test_history_shows_imports_and_edits(place: Place, editor: Client, client: Client) -> None:
    old_name = place.name
    editor.post(_edit_url(place), form_data(place, name="Nouveau nom du lieu", comment="changement de nom"))
    response = client.get(reverse("contributions:place-history", args=[place.pk]))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Import : sources Hinaura" in html  # the census's versions
    assert "import d'une source" in html or "fusion de doublons" in html
    assert "modification par la structure" in html
    assert "Par Camille Martin" in html
    assert old_name in html
    assert "Nouveau nom du lieu" in html
    assert "changement de nom" in html
    assert "Restaurer cette version" not in html  # visitors cannot restore


def test_history_never_shows_an_email_login(place: Place) -> None:
    user = _user("camille@example.org")
    Membership.objects.create(user=user, structure=place.structure)
    _client(user).post(_edit_url(place), form_data(place, summary="Modifié."))
    html = Client().get(reverse("contributions:place-history", args=[place.pk])).content.decode()
    assert "camille@example.org" not in html
    assert "un membre du réseau" in html


def test_restore_any_version_in_one_action(place: Place, editor: Client, other_editor: Client) -> None:
    original = place.name
    before_edit = place.versions.order_by("-created_at", "-pk").first()
    assert before_edit is not None
    editor.post(_edit_url(place), form_data(place, name="Nom erroné"))
    url = reverse("contributions:version-restore", args=[place.pk, before_edit.pk])
    assert other_editor.post(url).status_code == 403
    anonymous = Client().post(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/connexion/?next=")
    assert Client().get(url).status_code == 405
    place.refresh_from_db()
    assert place.name == "Nom erroné"

    history = reverse("contributions:place-history", args=[place.pk])
    assert "Restaurer cette version" in editor.get(history).content.decode()
    response = editor.post(url, follow=True)
    assert response.redirect_chain[-1][0] == history
    assert "restaurée" in response.content.decode()
    place.refresh_from_db()
    assert place.name == original
    restore = place.versions.order_by("-created_at", "-pk").first()
    assert restore is not None
    assert restore.origin == VersionOrigin.RESTORE
    assert restore.changes["name"] == ["Nom erroné", original]
    assert "restauration de la version du" in restore.comment
    again = editor.post(url, follow=True)  # the card is already that version
    assert "rien à restaurer" in again.content.decode()


def test_restore_rejects_a_version_of_another_place(place: Place, animator: Client) -> None:
    other = PlaceVersion.objects.exclude(place=place).first()
    assert other is not None
    url = reverse("contributions:version-restore", args=[place.pk, other.pk])
    assert animator.post(url).status_code == 404


def test_history_of_unpublished_places_is_for_their_editors(place: Place, editor: Client) -> None:
    Place.objects.filter(pk=place.pk).update(status=PlaceStatus.DRAFT)
    url = reverse("contributions:place-history", args=[place.pk])
    assert Client().get(url).status_code == 404
    assert editor.get(url).status_code == 200
    assert editor.get(_edit_url(place)).status_code == 200


def test_a_change_made_in_maillage_wins_whole_over_the_sources() -> None:
    """Domain rule behind the edits: the own record's values, empty ones and whole lists included."""
    source = RecordFields(
        key="hinaura:1",
        source="hinaura",
        fields={"name": "Médiathèque", "phone": "+33477000000", "services": ["A", "B"], "fees": ["Payant"]},
    )
    own = RecordFields(key="maillage:x", source="maillage", fields={"phone": "", "services": ["B"]})
    merged = merge_records([source, own], source_priority=["hinaura"], authoritative="maillage")
    assert merged.fields["phone"] == ""
    assert merged.fields["services"] == ["B"]
    assert merged.fields["name"] == "Médiathèque"
    assert merged.fields["fees"] == ["Payant"]
    assert merged.provenance["services"]["from"] == "maillage:x"
    without = merge_records([source, own], source_priority=["hinaura"])
    assert without.fields["services"] == ["A", "B"]  # a union, as between imported sources
