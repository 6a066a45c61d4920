"""Admin for partner newsrooms: their keys, webhook settings and the read-only delivery log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from claims.admin.writes import writes_through
from claims.errors import DomainError
from partners.models import ArticleSubmission, Partner, PartnerAPIKey, WebhookDelivery
from partners.services import partners as partner_services

# The library registers its own APIKey model; the desk issues PartnerAPIKeys only, and a bare
# APIKey made in the admin would authenticate as no partner.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


def show_domain_error(form: forms.BaseForm, error: DomainError, fields: dict[str, str]) -> None:
    """Put a service's refusal on the form fields it names (service name → form field)."""
    named = [fields[name] for name in error.fields if name in fields]
    for field in named or [None]:  # type: ignore[list-item]
        form.add_error(field, error.message)


class PartnerForm(forms.ModelForm):
    """Checked by the same rules the partner API applies (`partners.services.partners`)."""

    class Meta:
        model = Partner
        fields = ("name", "is_active", "throttle_rate", "webhook_url", "webhook_secret")
        widgets = {"webhook_secret": forms.PasswordInput(render_value=True)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            partner_services.check_throttle_rate(cleaned.get("throttle_rate") or "")
        except DomainError as exc:
            show_domain_error(self, exc, {"throttle_rate": "throttle_rate"})
        try:
            partner_services.check_webhook(
                url=cleaned.get("webhook_url") or "", secret=cleaned.get("webhook_secret") or ""
            )
        except DomainError as exc:
            show_domain_error(self, exc, {"url": "webhook_url", "secret": "webhook_secret"})
        return cleaned


class PartnerAPIKeyInline(admin.TabularInline):
    """Keys are issued from the key admin or `manage.py create_partner` (shown once there)."""

    model = PartnerAPIKey
    extra = 0
    can_delete = False
    fields = ("name", "prefix", "scopes", "created", "expiry_date", "revoked")
    # Read-only here: a key is changed (or revoked) on its own page, through `update_key`.
    readonly_fields = fields
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

    def has_add_permission(self, request: HttpRequest, obj: Partner | None = None) -> bool:
        return False  # written only by the delivery task

    def get_queryset(self, request: HttpRequest) -> QuerySet[WebhookDelivery]:
        return super().get_queryset(request).select_related("event")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "is_active", "throttle_rate", "webhook_url", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name",)
    form = PartnerForm
    fields = ("name", "is_active", "throttle_rate", "webhook_url", "webhook_secret")
    # Webhooks must be https; also silences Django 5.2's warning about the default scheme.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (PartnerAPIKeyInline, WebhookDeliveryInline)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Deleting would take the delivery log and the keys' history with it; deactivate instead.
        return False

    @writes_through(
        partner_services.create_partner,
        partner_services.update_partner,
        partner_services.set_webhook,
    )
    def save_model(self, request: HttpRequest, obj: Partner, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            created = partner_services.create_partner(name=data["name"])
            obj.pk, obj.created_at = created.pk, created.created_at
            obj._state.adding = False
        partner_services.update_partner(
            partner=obj,
            name=data["name"],
            is_active=data["is_active"],
            throttle_rate=data["throttle_rate"],
        )
        partner_services.set_webhook(
            partner=obj, url=data["webhook_url"], secret=data["webhook_secret"]
        )


class PartnerAPIKeyForm(forms.ModelForm):
    class Meta:
        model = PartnerAPIKey
        fields = ("partner", "name", "scopes", "expiry_date", "revoked")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "scopes" in cleaned:
            try:
                cleaned["scopes"] = partner_services.parse_scopes(cleaned["scopes"] or [])
            except DomainError as exc:
                show_domain_error(self, exc, {"scopes": "scopes"})
        return cleaned


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """Adding a key here shows the plain key once in a message; only its hash is stored."""

    list_display = (*APIKeyModelAdmin.list_display, "partner", "scopes")  # type: ignore[assignment]
    list_filter = (*APIKeyModelAdmin.list_filter, "partner")  # type: ignore[assignment]
    list_select_related = ("partner",)
    search_fields = (*APIKeyModelAdmin.search_fields, "partner__name")  # type: ignore[assignment]
    form = PartnerAPIKeyForm

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # revoke instead: the key's row is the record of who could read what

    @writes_through(partner_services.issue_key, partner_services.update_key)
    def save_model(
        self, request: HttpRequest, obj: PartnerAPIKey, form: Any = None, change: bool = False
    ) -> None:
        data = form.cleaned_data
        if change:
            partner_services.update_key(
                api_key=obj,
                name=data.get("name", obj.name),
                scopes=data.get("scopes", obj.scopes),
                expiry=data.get("expiry_date", obj.expiry_date),
                revoked=data.get("revoked", obj.revoked),
            )
            return
        issued, key = partner_services.issue_key(
            partner=data["partner"],
            scopes=data["scopes"],
            expiry=data.get("expiry_date"),
            name=data.get("name", ""),
        )
        obj.pk, obj.id, obj.prefix = issued.pk, issued.id, issued.prefix
        obj._state.adding = False
        messages.warning(
            request,
            f"The API key for {issued.partner} is: {key} . Store it somewhere safe: it is not "
            "shown again.",
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log the services write: viewable, never added, changed or deleted in the admin."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
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


@admin.register(ArticleSubmission)
class ArticleSubmissionAdmin(ReadOnlyAdmin):
    """Who sent which article, and how each URL fetch went: read-only, written by the services."""

    list_display = ("created_at", "partner", "url", "fetch_status", "article", "error")
    list_filter = ("fetch_status", "partner")
    list_select_related = ("partner", "article")
    search_fields = ("url", "title", "partner__name")
    readonly_fields = (
        "partner",
        "article",
        "url",
        "title",
        "language",
        "outlet_name",
        "fetch_status",
        "error",
        "created_at",
        "updated_at",
    )
