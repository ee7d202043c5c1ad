"""Log-in and log-out keep Django's un-namespaced names (`login`, `logout`); the rest is `accounts:`."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from maillage.accounts.views import account, animation, auth

account_patterns = [
    path("compte/", account.account, name="account"),
    path("compte/invitation/<str:token>/", account.invitation_accept, name="invitation-accept"),
    path("compte/mot-de-passe/oubli/", auth.PasswordResetView.as_view(), name="password-reset"),
    path(
        "compte/mot-de-passe/oubli/envoye/",
        auth.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "compte/mot-de-passe/nouveau/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "compte/mot-de-passe/modifie/",
        auth.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("animation/structures/", animation.structure_list, name="structure-list"),
    path("animation/structures/nouvelle/", animation.structure_create_view, name="structure-create"),
    path(
        "animation/structures/<int:structure_id>/inviter/",
        animation.structure_invite,
        name="structure-invite",
    ),
]

urlpatterns = [
    path("connexion/", auth.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include((account_patterns, "accounts"))),
]
