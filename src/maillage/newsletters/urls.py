from django.urls import path

from maillage.newsletters.views import composing, public, subscribers

app_name = "newsletters"
urlpatterns = [
    path("lettres/", public.list_index, name="list-index"),
    path("lettres/confirmer/<str:token>/", public.subscription_confirm_view, name="subscription-confirm"),
    path("lettres/desinscription/<str:token>/", public.unsubscribe, name="unsubscribe"),
    path("lettres/preferences/<str:token>/", public.preferences, name="preferences"),
    path("lettres/<slug:slug>/", public.list_detail, name="list-detail"),
    path("lettres/<slug:slug>/rss.xml", public.list_rss, name="list-rss"),
    path("lettres/<slug:slug>/<int:letter_id>/", public.letter_web, name="letter-web"),
    path("animation/lettres/", composing.dashboard, name="dashboard"),
    path("animation/lettres/nouvelle/", composing.letter_new, name="letter-new"),
    path("animation/lettres/<int:letter_id>/", composing.letter_compose, name="letter-compose"),
    path("animation/lettres/<int:letter_id>/blocs/", composing.block_add, name="block-add"),
    path("animation/lettres/<int:letter_id>/blocs/<int:index>/", composing.block_change, name="block-change"),
    path("animation/lettres/<int:letter_id>/apercu/", composing.preview_web, name="preview-web"),
    path("animation/lettres/<int:letter_id>/apercu/courriel/", composing.preview_email, name="preview-email"),
    path("animation/lettres/<int:letter_id>/apercu/texte/", composing.preview_text, name="preview-text"),
    path("animation/lettres/<int:letter_id>/test/", composing.test_send, name="test-send"),
    path("animation/lettres/<int:letter_id>/envoyer/", composing.send, name="send"),
    path("animation/listes/<slug:slug>/", subscribers.list_manage, name="list-manage"),
    path("animation/listes/<slug:slug>/import/", subscribers.list_import, name="list-import"),
    path("animation/listes/<slug:slug>/abonnes.csv", subscribers.list_export, name="list-export"),
]
