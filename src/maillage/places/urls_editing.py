"""Routes of one feature of the places app (included by places/urls.py, namespace `places`)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
