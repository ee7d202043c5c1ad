"""The animators' view of a list: its figures over time, CSV import (with consent) and export."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.newsletters.domain.consent import parse_consent_csv
from maillage.newsletters.enums import SubscriptionStatus
from maillage.newsletters.forms import ImportForm
from maillage.newsletters.models import MailingList, Subscription
from maillage.newsletters.selectors import letters_archive, subscribers_monthly
from maillage.newsletters.services.subscriptions import subscribers_import


def _context(
    mailing_list: MailingList, form: ImportForm, errors: list[str] | None = None
) -> dict[str, object]:
    counts = {
        status: Subscription.objects.filter(mailing_list=mailing_list, status=status).count()
        for status in SubscriptionStatus.values
    }
    return {
        "mailing_list": mailing_list,
        "form": form,
        "errors": errors or [],
        "monthly": subscribers_monthly(mailing_list),
        "counts": [(SubscriptionStatus(s).label, n) for s, n in counts.items()],
        "letters": letters_archive(mailing_list)[:20],
    }


@animator_required
@require_safe
def list_manage(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = get_object_or_404(MailingList, slug=slug)
    return render(request, "newsletters/list_manage.html", _context(mailing_list, ImportForm()))


@animator_required
@require_POST
def list_import(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = get_object_or_404(MailingList, slug=slug)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "newsletters/list_manage.html", _context(mailing_list, form), status=400)
    upload = request.FILES.get("file")
    name = getattr(upload, "name", "") or "fichier"
    parsed = parse_consent_csv(form.cleaned_data["file"], filename=name)
    if parsed.errors:
        context = _context(mailing_list, ImportForm(), parsed.errors)
        return render(request, "newsletters/list_manage.html", context, status=400)
    added = subscribers_import(mailing_list=mailing_list, parsed=parsed)
    messages.success(
        request, f"{added} abonné(s) ajouté(s) sur {len(parsed.addresses)} adresse(s) du fichier."
    )
    return redirect("newsletters:list-manage", mailing_list.slug)


@animator_required
@require_safe
def list_export(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = get_object_or_404(MailingList, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="abonnes-{mailing_list.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["email", "consentement", "origine", "confirme_le"])
    rows = (
        Subscription.objects.filter(mailing_list=mailing_list, status=SubscriptionStatus.CONFIRMED)
        .select_related("subscriber")
        .order_by("subscriber__email")
    )
    for s in rows:
        confirmed = s.confirmed_at.isoformat() if s.confirmed_at else ""
        writer.writerow([s.subscriber.email, "oui", s.get_source_display(), confirmed])
    return response
