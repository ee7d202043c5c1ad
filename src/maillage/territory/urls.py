from django.urls import path

from maillage.territory.views import exports, pages

app_name = "territory"
urlpatterns = [
    path("territoire/", pages.overview, name="overview"),
    path("territoire/indicateurs.csv", exports.indicators_csv, name="indicators-csv"),
    path("territoire/indicateurs.geojson", exports.indicators_geojson, name="indicators-geojson"),
    path("territoire/diagnostic.pdf", exports.diagnosis, name="diagnosis-pdf"),
    path("territoire/commune/<str:insee_code>/", pages.commune_detail, name="commune-detail"),
    path("territoire/epci/<str:siren>/", pages.epci_detail, name="epci-detail"),
    path("territoire/tournee/", pages.planner, name="planner"),
    path("territoire/tournee.csv", exports.plan_csv, name="plan-csv"),
    path("territoire/tournee.ics", exports.plan_ics, name="plan-ics"),
]
