from django.urls import path

from maillage.reporting.views import convention, reports

app_name = "reporting"
urlpatterns = [
    path("bilan/", reports.report_index, name="report-index"),
    path("bilan/<int:year>/", reports.report_detail, name="report-detail"),
    path("bilan/<int:year>/bilan.<str:ext>", reports.report_file, name="report-file"),
    path("bilan/<int:year>/<int:month>/", reports.report_detail, name="report-month"),
    path("bilan/<int:year>/<int:month>/bilan.<str:ext>", reports.report_file, name="report-month-file"),
    path("bilan/<int:year>/regenerer/", reports.report_regenerate_view, name="report-regenerate"),
    path("bilan/<int:year>/publier/", reports.report_publish_view, name="report-publish"),
    path("bilan/conventions/<int:convention_id>/", convention.convention_edit, name="convention-edit"),
    path("bilan/missions/<int:mission_id>/", convention.mission_edit, name="mission-edit"),
    path("bilan/<int:year>/missions/<int:mission_id>/texte/", reports.mission_text_view, name="mission-text"),
]
