"""Account pages: sign in and out, passwords, two-factor authentication, and one's own account."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts import two_factor
from beatbook.accounts.forms import EmailNotSent, ReportingPasswordResetForm, ThrottledAuthenticationForm, TokenForm
from beatbook.accounts.models import profile_of
from beatbook.accounts.throttle import sign_in_block
from beatbook.core import audit
from beatbook.core.access import signed_in_required
from beatbook.core.audit import client_ip
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.core.roles import Role, roles_of

RECENT_SIGN_INS = 10

login = auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm, redirect_authenticated_user=True)


@require_http_methods(["GET", "HEAD", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """GET asks to confirm (a link must not sign anyone out); POST signs out."""
    if request.method == "POST":
        logout(request)
        return redirect("logged_out")
    if not request.user.is_authenticated:
        return redirect("logged_out")
    return render(request, "registration/logout_confirm.html")


def logged_out(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/logged_out.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(self.request, AuditAction.CHANGE, self.request.user, changes={"password": ["***", "***"]})
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ReportingPasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)
        except EmailNotSent:
            form.add_error(
                None,
                "The email could not be sent: the mail server did not accept it. The failure is logged; "
                "ask your system administrator to check beatbook's email settings.",
            )
            return self.form_invalid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(
            self.request,
            AuditAction.CHANGE,
            form.user,
            user=form.user,
            changes={"password": ["***", "***"]},
            via="password reset email",
        )
        return response


password_change = signed_in_required(PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")))
password_change_done = signed_in_required(auth_views.PasswordChangeDoneView.as_view())
password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view()
password_reset_confirm = PasswordResetConfirmView.as_view()
password_reset_complete = auth_views.PasswordResetCompleteView.as_view()


@signed_in_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    # Failed sign-ins have no user (none was signed in): they are found by the name typed.
    attempts = [AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGIN_BLOCKED]
    sign_ins = AuditEvent.objects.filter(username=user.get_username(), action__in=attempts)[:RECENT_SIGN_INS]
    return render(
        request,
        "accounts/account.html",
        {
            "profile": profile_of(user),
            "roles": [Role(r).label for r in sorted(roles_of(user))],
            "two_factor_on": two_factor.has_device(user),
            "two_factor_required": two_factor.required_by_role(user),
            "sign_ins": sign_ins,
        },
    )


@signed_in_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code; a correct code from the app confirms it."""
    if two_factor.has_device(request.user):
        messages.info(request, "Two-factor authentication is already on for your account.")
        return redirect("account")
    pending = two_factor.pending_device(request.user) if request.method == "POST" else None
    device = pending or two_factor.new_pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(request, AuditAction.CHANGE, request.user, changes={"two_factor": [False, True]})
            messages.success(request, "Two-factor authentication is on. You will be asked for a code at each sign-in.")
            return redirect(two_factor.safe_next(request, "account"))
        form.add_error("token", "That code is not the one your app shows now. Check the app's clock and try again.")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(device),
            "secret": two_factor.grouped_secret(device),
            "next": request.GET.get("next", ""),
        },
    )


@signed_in_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the authenticator app; wrong codes count towards the sign-in back-off."""
    if not two_factor.has_device(request.user):
        return redirect("two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        block = sign_in_block(request.user.get_username(), client_ip(request))
        device = None if block else match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit.record(request, AuditAction.LOGIN, step="two-factor code")
            return redirect(two_factor.safe_next(request))
        audit.record(
            request, AuditAction.LOGIN_BLOCKED if block else AuditAction.LOGIN_FAILED, reason="two-factor code"
        )
        form.add_error(
            "token", block.message() if block else "That code is not right. Enter the code your app shows now."
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
@signed_in_required
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if two_factor.required_by_role(request.user):
        messages.error(request, "Your role requires two-factor authentication: it cannot be turned off.")
        return redirect("account")
    TOTPDevice.objects.filter(user=request.user).delete()
    audit.record(request, AuditAction.CHANGE, request.user, changes={"two_factor": [True, False]})
    messages.success(request, "Two-factor authentication is off.")
    return redirect("account")
