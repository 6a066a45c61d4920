"""Included by the project under `reports/` (namespace `reports`)."""

from django.urls import path

from claims.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.report, name="report"),
]
