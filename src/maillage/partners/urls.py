from django.urls import path

from maillage.partners import views

app_name = "partners"

urlpatterns = [
    path("animation/partenaires/", views.token_list, name="token-list"),
    path("animation/partenaires/nouveau/", views.token_create, name="token-create"),
    path("animation/partenaires/<int:token_id>/revoquer/", views.token_revoke, name="token-revoke"),
]
