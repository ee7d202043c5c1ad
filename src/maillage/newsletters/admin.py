from django.contrib import admin

from maillage.newsletters.models import Delivery, Letter, MailingList, Subscriber, Subscription


@admin.register(MailingList)
class MailingListAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "sample", "created_at"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["email", "created_at"]
    search_fields = ["email"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["subscriber", "mailing_list", "status", "source", "confirmed_at", "ended_at"]
    list_filter = ["mailing_list", "status", "source", "end_reason"]
    search_fields = ["subscriber__email"]
    raw_id_fields = ["subscriber"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["subject", "mailing_list", "status", "scheduled_at", "sent_at", "web_views"]
    list_filter = ["mailing_list", "status"]
    readonly_fields = ["content", "queued_at", "sent_at", "web_views"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["letter", "email", "status", "sent_at"]
    list_filter = ["status"]
    search_fields = ["email"]
    raw_id_fields = ["letter", "subscription"]
