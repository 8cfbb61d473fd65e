"""A <select> written by config/form_rendering.py is, character for character, what
Django's widget templates write; any other widget still goes through the templates."""

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from config import form_rendering
from config.form_rendering import Renderer

FAST = Renderer()
TEMPLATES = DjangoTemplates()

CHOICES = [
    ("", "---------"),
    ("a&b", 'Ban "Tuyên giáo" <Huyện ủy>'),
    (3, 7),
    (Decimal("1.5"), date(2024, 5, 1)),
    ("safe", mark_safe("<b>đậm</b>")),
    (mark_safe("x&y"), "safe value"),
    ("lazy", gettext_lazy("English")),
    (
        "Nhóm <một>",
        [("g1", "Trong nhóm"), ("g2", "Cũng trong nhóm")],
    ),
    ("after", "Sau nhóm"),
]


def both(widget, name, value, attrs=None):
    fast = widget.render(name, value, attrs=attrs, renderer=FAST)
    slow = widget.render(name, value, attrs=attrs, renderer=TEMPLATES)
    return fast, slow


@pytest.mark.parametrize(
    "widget, value, attrs",
    [
        (forms.Select(choices=CHOICES), "a&b", None),
        (forms.Select(choices=CHOICES), 3, {"id": "id_x", "class": "form-select"}),
        (forms.Select(choices=CHOICES), None, {"required": True, "disabled": False}),
        (forms.Select(choices=CHOICES, attrs={"data-x": mark_safe("<ok>")}), "g2", None),
        (forms.SelectMultiple(choices=CHOICES), ["g1", "after", "lazy"], {"id": "m"}),
        (forms.NullBooleanSelect(), True, None),
        (forms.Select(choices=[]), "", None),
    ],
)
def test_a_select_is_written_as_the_templates_write_it(widget, value, attrs):
    fast, slow = both(widget, "bo<dy>", value, attrs)
    assert fast == slow
    assert "<option" in fast or not widget.choices


def test_the_options_are_not_rendered_through_templates(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a template was rendered")

    monkeypatch.setattr(DjangoTemplates, "render", refuse)
    html = forms.Select(choices=CHOICES).render("x", "a&b", renderer=FAST)
    assert '<option value="a&amp;b" selected>' in html


@pytest.mark.django_db
def test_a_model_choice_field_of_bodies_is_written_as_the_templates_write_it():
    from parties.models import Body
    from tests.agreements.factories import district_bodies

    district_bodies()
    field = forms.ModelChoiceField(Body.objects.order_by("pk"))
    widget = field.widget
    widget.choices = field.choices
    first = Body.objects.order_by("pk").first()
    fast, slow = both(widget, "body", first.pk, {"id": "id_body"})
    assert fast == slow
    assert f'<option value="{first.pk}" selected>' in fast


def test_other_widgets_and_own_option_templates_go_to_the_templates(monkeypatch):
    written = []
    monkeypatch.setattr(form_rendering, "render_select", lambda w: written.append(w) or "")

    class OwnOptions(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    for widget in (
        forms.RadioSelect(choices=CHOICES),
        forms.TextInput(),
        OwnOptions(choices=CHOICES),
    ):
        fast, slow = both(widget, "x", "a&b")
        assert fast == slow
    assert written == []


def test_the_site_renders_forms_with_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "config.form_rendering.Renderer"
    assert isinstance(get_default_renderer(), Renderer)
