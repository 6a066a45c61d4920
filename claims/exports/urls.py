"""Included by the project under `api/v1/exports/` (namespace `exports`)."""

from django.urls import path

from claims.exports import views

app_name = "exports"

urlpatterns = [
    path("claims.<str:fmt>", views.export_claims, name="claims"),
    path("jobs/<int:pk>/", views.job_status, name="job"),
    path("jobs/<int:pk>/download", views.download, name="download"),
]
