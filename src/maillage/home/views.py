from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.places.selectors import places_census_summary, places_recently_updated


def home(request: HttpRequest) -> HttpResponse:
    context = {"summary": places_census_summary(), "recent_places": places_recently_updated(limit=8)}
    return render(request, "home/home.html", context)
