"""School notifications: the safeguarding officers' list, a new notification, its page and sending;
the register of schools and their closures; the supervisors' timeliness page (counts, no names).

Every page that shows a child or a key adult writes an audit event; every change is audited by its service
or here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from beatbook.core import audit
from beatbook.core.access import role_required
from beatbook.core.models import AuditAction
from beatbook.core.roles import SCHOOL_NOTIFIERS, SCHOOL_TIMELINESS_READERS, has_role
from beatbook.schools import services
from beatbook.schools.access import get_notification_for_user, get_school_for_user
from beatbook.schools.forms import AssignForm, ClosureForm, NotificationForm, PeriodForm, SchoolForm
from beatbook.schools.models import School, SchoolClosure, SchoolNotification

PER_PAGE = 25


@role_required(*SCHOOL_NOTIFIERS)
def notifications(request: HttpRequest) -> HttpResponse:
    items = SchoolNotification.objects.visible_to(request.user).select_related("school")
    audit.record(request, AuditAction.VIEW, object_type="schools.schoolnotification", listing="notifications")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    synthetic = any(n.synthetic for n in page.object_list)
    return render(request, "schools/notifications.html", {"page": page, "query": "", "synthetic": synthetic})


@role_required(*SCHOOL_NOTIFIERS)
def notification_new(request: HttpRequest) -> HttpResponse:
    form = NotificationForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "schools/notification_new.html", {"form": form}, status=400)
        data = form.cleaned_data
        child = services.ChildAtSchool(data["child_name"], data["school"], data["year_group"])
        notification = services.open_school_notification(
            data["incident_ref"], data["occurred_at"], child, request.user, ward=data["ward"], request=request
        )
        messages.success(request, f"Notification {notification.reference} opened: send it before the time shown.")
        return redirect("schools:notification", pk=notification.pk)
    return render(request, "schools/notification_new.html", {"form": form})


@role_required(*SCHOOL_NOTIFIERS)
def notification(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_notification_for_user(request, pk)
    audit.record(request, AuditAction.VIEW, found)
    return _notification_page(request, found)


def _notification_page(
    request: HttpRequest, found: SchoolNotification, error: str = "", form: AssignForm | None = None
) -> HttpResponse:
    subject, text = services.message_of(found) if found.school else ("", "")
    assign = form or (AssignForm() if found.to_assign else None)
    context = {"n": found, "subject": subject, "text": text, "error": error, "assign": assign}
    return render(request, "schools/notification.html", context, status=400 if error or form else 200)


@role_required(*SCHOOL_NOTIFIERS)
@require_POST
def notification_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the child and the school of a task the incident log opened."""
    found = get_notification_for_user(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _notification_page(request, found, form=form)
    data = form.cleaned_data
    try:
        services.assign_school(
            found, request, services.ChildAtSchool(data["child_name"], data["school"], data["year_group"])
        )
    except services.NotSent as refused:
        return _notification_page(request, found, str(refused))
    messages.success(request, f"{found.reference} assigned to {found.school}: send it before the time shown.")
    return redirect("schools:notification", pk=found.pk)


@role_required(*SCHOOL_NOTIFIERS)
@require_POST
def notification_send(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_notification_for_user(request, pk)
    try:
        services.send(found, request)
    except services.NotSent as refused:
        return _notification_page(request, found, str(refused))
    timing = "before the school day" if found.sent_in_time else "after the school day had started"
    messages.success(request, f"{found.reference} sent to {found.sent_to} {timing}.")
    return redirect("schools:notification", pk=found.pk)


@role_required(*SCHOOL_NOTIFIERS)
def schools(request: HttpRequest) -> HttpResponse:
    form = SchoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        school = _save(request, form, AuditAction.CREATE)
        messages.success(request, f"{school} added to the register.")
        return redirect("schools:schools")
    items = School.objects.visible_to(request.user).select_related("ward")
    audit.record(request, AuditAction.VIEW, object_type="schools.school", listing="register")
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if form.is_bound else 200
    return render(request, "schools/schools.html", {"page": page, "form": form, "query": ""}, status=status)


@role_required(*SCHOOL_NOTIFIERS)
def school_edit(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_school_for_user(request, pk)
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST":
        if form.is_valid():
            _save(request, form, AuditAction.CHANGE)
            messages.success(request, f"{school} saved.")
            return redirect("schools:schools")
    else:
        audit.record(request, AuditAction.VIEW, school)
    return render(
        request, "schools/school_edit.html", {"form": form, "school": school}, status=400 if form.is_bound else 200
    )


def _save(request: HttpRequest, form: SchoolForm | ClosureForm, action: AuditAction) -> School | SchoolClosure:
    new = form.instance._state.adding
    changes = {
        name: ["" if new else _before(form, name), str(form.cleaned_data.get(name))] for name in form.changed_data
    }
    record = form.save(commit=False)
    record.stamp(request.user)
    record.save()
    audit.record(request, action, record, changes=changes)
    return record


def _before(form: SchoolForm | ClosureForm, name: str) -> str:
    """The value the form was opened with, read as its field reads it (a ward's name, not its id)."""
    return str(form.fields[name].to_python(form.initial.get(name)))


@role_required(*SCHOOL_NOTIFIERS)
def closures(request: HttpRequest) -> HttpResponse:
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        closure = _save(request, form, AuditAction.CREATE)
        messages.success(request, f"{closure} added: notifications opened from now on skip it.")
        return redirect("schools:closures")
    page = Paginator(SchoolClosure.objects.select_related("school"), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "query": "",
        "bank_holidays": sorted(settings.BEATBOOK_SCHOOL_BANK_HOLIDAYS),
        "starts": settings.BEATBOOK_SCHOOL_DAY_STARTS,
    }
    return render(request, "schools/closures.html", context, status=400 if form.is_bound else 200)


@role_required(*SCHOOL_TIMELINESS_READERS)
def timeliness(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    first, last = form.period()
    audit.record(request, AuditAction.VIEW, object_type="schools.schoolnotification", listing="timeliness")
    notifier = has_role(request.user, *SCHOOL_NOTIFIERS)
    context = {
        "form": form,
        "first": first,
        "last": last,
        "t": services.timeliness(first, last),
        "synthetic": services.timeliness(first, last, synthetic=True),
        "notifier": notifier,
    }
    return render(
        request, "schools/timeliness.html", context, status=400 if form.is_bound and not form.is_valid() else 200
    )
