from django.urls import path

from maillage.orientation import views

app_name = "orientation"
urlpatterns = [
    path("orienter/", views.step_need, name="step-need"),
    path("orienter/commune/", views.step_where, name="step-where"),
    path("orienter/criteres/", views.step_constraints, name="step-constraints"),
    path("orienter/lieux/", views.results, name="result-list"),
    path("orienter/fiche.pdf", views.sheet, name="sheet-pdf"),
]
