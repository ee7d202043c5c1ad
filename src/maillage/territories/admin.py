from django.contrib import admin

from maillage.territories.models import Commune, Department, Epci


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["insee_code", "name", "department_code", "population", "epci", "ifn_total"]
    list_filter = ["in_territory", "department_code", "epci"]
    search_fields = ["insee_code", "name", "search_name"]
    exclude = ["outline"]


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["siren", "name", "kind", "population", "ifn_total"]
    search_fields = ["siren", "name"]
    exclude = ["outline"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name"]
    exclude = ["outline"]
