"""The organisation pages (/org/): a unit administrator manages, for their unit and the
units below it, the units, bodies, officials with their positions, accounts, and the
reorganisations that end units and bodies. Who may do what: parties/rules.py. The
reorganisations' pages are in agreements (they hand programmes over)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parties import rules
from parties.forms import (
    AccountChangeForm,
    AccountForm,
    BodyForm,
    OfficialForm,
    PositionForm,
    UnitForm,
)
from parties.models import Official
from parties.services import (
    account_change,
    account_create,
    account_set_active,
    body_save,
    official_create,
    position_add,
)

PAGE_SIZE = 25


def _administrator(request):
    rules.require(rules.can_administer(request.user))


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _show_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def org_home(request):
    """The bodies the administrator manages, by unit."""
    _administrator(request)
    bodies = (
        rules.administered_bodies(request.user)
        .select_related("unit", "parent")
        .annotate(accounts=Count("memberships"))
        .order_by("unit__level", "unit__name", "name")
    )
    return render(request, "parties/org_home.html", {"page": _page(request, bodies)})


@login_required
def unit_list(request):
    _administrator(request)
    units = rules.administered_units(request.user).select_related("parent")
    return render(request, "parties/unit_list.html", {"page": _page(request, units)})


@login_required
def unit_create(request):
    _administrator(request)
    form = UnitForm(
        request.POST or None,
        units=rules.administered_units(request.user),
        may_add_provinces=rules.sees_everything(request.user),
    )
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        try:
            unit.full_clean()
        except ValidationError as error:
            _show_errors(form, error)
        else:
            unit.save()
            messages.success(request, _("The unit has been added."))
            return redirect("parties:unit_list")
    return render(request, "parties/form.html", {"form": form, "title": _("Add a unit")})


def _body_form(request, instance=None):
    return BodyForm(
        request.POST or None,
        instance=instance,
        units=rules.administered_units(request.user),
        bodies=rules.administered_bodies(request.user),
    )


@login_required
def body_create(request):
    _administrator(request)
    form = _body_form(request)
    return _save_body(request, form, _("Add a body"), _("The body has been added."))


@login_required
def body_edit(request, pk):
    _administrator(request)
    body = get_object_or_404(rules.administered_bodies(request.user), pk=pk)
    form = _body_form(request, instance=body)
    return _save_body(request, form, body.name, _("The body has been saved."))


def _save_body(request, form, title, done):
    if request.method == "POST" and form.is_valid():
        try:
            body_save(body=form.save(commit=False))
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("parties:home")
    return render(request, "parties/form.html", {"form": form, "title": title})


@login_required
def official_list(request):
    _administrator(request)
    officials = (
        Official.objects.filter(body__in=rules.administered_bodies(request.user))
        .select_related("body")
        .order_by("body__name", "full_name")
    )
    return render(request, "parties/official_list.html", {"page": _page(request, officials)})


@login_required
def official_create_view(request):
    _administrator(request)
    bodies = rules.administered_bodies(request.user)
    form = OfficialForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            official_create(**form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The official has been added."))
            return redirect("parties:official_list")
    return render(request, "parties/form.html", {"form": form, "title": _("Add an official")})


@login_required
def position_create(request, pk):
    _administrator(request)
    bodies = rules.administered_bodies(request.user)
    official = get_object_or_404(Official.objects.filter(body__in=bodies), pk=pk)
    form = PositionForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            position_add(official=official, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The position has been recorded."))
            return redirect("parties:official_list")
    title = _("A new position for %(name)s") % {"name": official.full_name}
    return render(request, "parties/form.html", {"form": form, "title": title})


@login_required
def account_list(request):
    _administrator(request)
    accounts = (
        rules.administered_memberships(request.user)
        .select_related("user", "body__unit")
        .order_by("body__name", "user__username")
    )
    return render(request, "parties/account_list.html", {"page": _page(request, accounts)})


def send_invitation(request, user):
    """An e-mail with a link to set the password (Django's reset token: it works once,
    and no longer once the password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(reverse("parties:set_password", args=[uid, token]))
    body = _(
        "An account has been created for you in the coordination programmes app.\n"
        "User name: %(username)s\n"
        "Set your password here: %(link)s\n"
    ) % {"username": user.username, "link": link}
    send_mail(_("Your account"), body, None, [user.email])


@login_required
def account_create_view(request):
    _administrator(request)
    form = AccountForm(request.POST or None, bodies=rules.administered_bodies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            user = account_create(**form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            send_invitation(request, user)
            messages.success(
                request,
                _("The account has been created and the invitation sent to %(email)s.")
                % {"email": user.email},
            )
            return redirect("parties:account_list")
    return render(request, "parties/form.html", {"form": form, "title": _("Add an account")})


def _account(request, pk):
    membership = get_object_or_404(
        rules.administered_memberships(request.user).select_related("user"), pk=pk
    )
    rules.require(rules.can_administer_account(request.user, membership))
    return membership


@login_required
def account_edit(request, pk):
    _administrator(request)
    membership = _account(request, pk)
    initial = {"body": membership.body, "role": membership.role, "official": membership.official}
    form = AccountChangeForm(
        request.POST or None, initial=initial, bodies=rules.administered_bodies(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            account_change(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The account has been changed."))
            return redirect("parties:account_list")
    return render(
        request,
        "parties/account_form.html",
        {"form": form, "membership": membership, "title": membership.user.username},
    )


@login_required
@require_POST
def account_deactivate(request, pk):
    _administrator(request)
    membership = _account(request, pk)
    active = request.POST.get("active") == "1"
    account_set_active(user=membership.user, active=active)
    if active:
        messages.success(request, _("The account can sign in again."))
    else:
        messages.success(request, _("The account has been deactivated; what it recorded stays."))
    return redirect("parties:account_list")


class SetPassword(auth_views.PasswordResetConfirmView):
    """The invitation's link: the person chooses a password, then signs in."""

    template_name = "parties/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been set. Sign in with it."))
        return super().form_valid(form)


set_password = SetPassword.as_view()
