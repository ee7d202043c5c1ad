from django.urls import path

from maillage.activity.views import log

app_name = "activity"
urlpatterns = [
    path("activite/", log.action_list, name="action-list"),
    path("activite/export.csv", log.action_export, {"fmt": "csv"}, name="action-export-csv"),
    path("activite/export.ods", log.action_export, {"fmt": "ods"}, name="action-export-ods"),
    path("activite/nouvelle/", log.action_new, name="action-new"),
    path("activite/<int:action_id>/modifier/", log.action_edit, name="action-edit"),
    path("activite/<int:action_id>/supprimer/", log.action_remove, name="action-remove"),
]
