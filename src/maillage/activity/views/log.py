"""The activity log: list with filters, CSV/ODS export, new (typed or prefilled), edit, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from maillage.accounts.permissions import is_animator, structures_of
from maillage.activity import exports
from maillage.activity.access import LOG_REFUSED, can_edit_action, can_log_actions
from maillage.activity.domain.rules import source_parse
from maillage.activity.forms import ActionFilterForm, ActionForm, initial_from_prefill
from maillage.activity.models import Action
from maillage.activity.prefill import KIND_LABELS, PrefillError, prefill_of, things_to_log
from maillage.activity.selectors import (
    action_of_source,
    actions_filtered,
    actions_visible,
    actions_with_relations,
)
from maillage.activity.services import action_create, action_delete, action_update


def _require_logger(request: HttpRequest) -> None:
    if not can_log_actions(request.user):
        raise PermissionDenied(LOG_REFUSED)


def _actions(request: HttpRequest) -> tuple[ActionFilterForm, Any]:
    form = ActionFilterForm(request.GET or None)
    return form, actions_with_relations(actions_filtered(actions_visible(request.user), form.filters()))


@login_required
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    _require_logger(request)
    form, actions = _actions(request)
    page = Paginator(actions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "activity/action_list.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "to_log": things_to_log(request.user, today=timezone.localdate()),
        },
    )


@login_required
@require_GET
def action_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _require_logger(request)
    _, actions = _actions(request)
    stamp = timezone.localdate().isoformat()
    if fmt == "ods":
        response = HttpResponse(
            exports.actions_ods(actions), content_type="application/vnd.oasis.opendocument.spreadsheet"
        )
    else:
        response = HttpResponse(
            "\ufeff" + exports.actions_csv(actions), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="activite-{stamp}.{fmt}"'
    return response


def _form(request: HttpRequest, **kwargs: Any) -> ActionForm:
    structures = None if is_animator(request.user) else list(structures_of(request.user))
    return ActionForm(request.POST or None, structures=structures, **kwargs)


def _save_new(request: HttpRequest, form: ActionForm, source: str) -> Action:
    data = form.cleaned_data
    organisers = list(data["organisers"])
    own = None if is_animator(request.user) else (organisers[0] if organisers else None)
    return action_create(
        author=request.user,
        data=data,
        missions=data["missions"],
        organisers=organisers,
        partners=data["partners"],
        structure=own,
        source=source,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest) -> HttpResponse:
    _require_logger(request)
    source, initial, error = "", {}, ""
    raw = request.POST.get("depuis") or request.GET.get("depuis") or ""
    if raw:
        try:
            prefill = prefill_of(source_parse(raw))
        except (ValueError, PrefillError) as problem:
            error = str(problem)
        else:
            source = str(prefill["source"])
            existing = action_of_source(source)
            if existing is not None:
                messages.info(request, "Cette action est déjà consignée : la voici.")
                return redirect("activity:action-edit", existing.pk)
            initial = initial_from_prefill(prefill)
    form = _form(request, initial=initial)
    if request.method == "POST" and not error and form.is_valid():
        action = _save_new(request, form, source)
        messages.success(request, f"Action « {action.title} » consignée.")
        return redirect("activity:action-list")
    status = 400 if error or (request.method == "POST" and form.errors) else 200
    origin = KIND_LABELS.get(source.split(":", 1)[0], "") if source else ""
    return render(
        request,
        "activity/action_form.html",
        {"form": form, "source": source, "origin": origin, "source_error": error, "action": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=action_id)
    if not can_edit_action(request.user, action):
        raise PermissionDenied(LOG_REFUSED)
    form = _form(request, instance=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action_update(
            action=action,
            data=data,
            missions=data["missions"],
            organisers=data["organisers"],
            partners=data["partners"],
        )
        messages.success(request, f"Action « {action.title} » enregistrée.")
        return redirect("activity:action-list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "activity/action_form.html",
        {"form": form, "source": action.source, "origin": "", "source_error": "", "action": action},
        status=status,
    )


@login_required
@require_POST
def action_remove(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=action_id)
    if not can_edit_action(request.user, action):
        raise PermissionDenied(LOG_REFUSED)
    title = action.title
    action_delete(action=action)
    messages.success(request, f"Action « {title} » supprimée.")
    return redirect("activity:action-list")
