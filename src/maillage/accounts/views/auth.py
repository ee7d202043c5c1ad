"""Log-in by e-mail (throttled), password reset by e-mail, and the French 403 page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from maillage.accounts.forms import EmailAuthenticationForm, EmailPasswordResetForm

TOO_MANY_REQUESTS = 429


class LoginView(auth_views.LoginView):
    """Django's log-in page with the e-mail form; a throttled attempt answers 429."""

    authentication_form = EmailAuthenticationForm
    template_name = "accounts/login.html"

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = TOO_MANY_REQUESTS
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Same answer whether or not an account has the address: nobody learns who has one."""

    form_class = EmailPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return {"network_name": settings.MAILLAGE_NETWORK_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: says in French what is reserved to whom (the reason raised, when there is one)."""
    reason = str(exception) if exception is not None else ""
    return render(request, "accounts/forbidden.html", {"reason": reason}, status=403)
