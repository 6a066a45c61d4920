"""Admin for partner newsrooms: their keys, webhook settings and the read-only delivery log."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework_api_key.admin import APIKeyModelAdmin

from factcheck.models import Partner, PartnerAPIKey, WebhookDelivery


class PartnerAPIKeyInline(admin.TabularInline):
    """Keys are issued from the key admin or `manage.py create_partner` (shown once there)."""

    model = PartnerAPIKey
    extra = 0
    can_delete = False
    fields = ("name", "prefix", "scopes", "created", "expiry_date", "revoked")
    readonly_fields = ("name", "prefix", "scopes", "created", "expiry_date")
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Partner | None = None) -> bool:
        return False


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    max_num = 0
    fields = ("created_at", "event", "status", "attempts", "last_status_code", "last_error")
    readonly_fields = fields
    show_change_link = True
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        return super().get_queryset(request).select_related("event")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "throttle_rate", "webhook_url", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    fields = ("name", "is_active", "throttle_rate", "webhook_url", "webhook_secret")
    # Webhooks must be https; also silences Django 5.2's warning about the default scheme.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (PartnerAPIKeyInline, WebhookDeliveryInline)


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """Adding a key here shows the plain key once in a message; only its hash is stored."""

    list_display = (*APIKeyModelAdmin.list_display, "partner", "scopes")  # type: ignore[assignment]
    list_filter = (*APIKeyModelAdmin.list_filter, "partner")  # type: ignore[assignment]
    list_select_related = ("partner",)
    search_fields = (*APIKeyModelAdmin.search_fields, "partner__name")  # type: ignore[assignment]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The log of webhook attempts: read-only, written only by the delivery task."""

    list_display = (
        "created_at",
        "partner",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "delivered_at",
    )
    list_filter = ("status", "partner")
    list_select_related = ("partner", "event")
    search_fields = ("delivery_id", "partner__name", "url")
    readonly_fields = (
        "delivery_id",
        "partner",
        "event",
        "url",
        "payload",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
