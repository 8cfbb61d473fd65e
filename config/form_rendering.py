"""How form widgets become HTML: Django's own templates, except a <select>'s options.

Django renders each <option> through two included templates (the option and its
attributes). A select of the province's ~900 bodies, in a filter or a form, then
costs 900 template renders — most of a list page's time (bench/INDEXES.md). This
renderer writes a plain <select> and its options in Python, character for character
what Django's templates write (tests/config/test_form_rendering.py holds it to them);
any other widget, or a select with options of its own template, goes to the templates.
"""

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# What a template variable is rendered with: autoescape on, localized, local time.
_CONTEXT = Context(autoescape=True)


def _text(value):
    """`{{ value }}` in a template."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value):
    """`{{ value|stringformat:'s' }}`: the filter keeps a safe string safe."""
    formatted = "%s" % (str(value) if isinstance(value, tuple) else value)
    return _text(mark_safe(formatted) if isinstance(value, SafeData) else formatted)


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {_text(name)}")
            if value is not True:
                parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _called(value):
    """A template would call this value rather than print it."""
    return callable(value) and not getattr(value, "do_not_call_in_templates", False)


def _plain(widget):
    """A select whose options are Django's own and hold nothing a template would call."""
    if widget.get("template_name") != SELECT or any(map(_called, widget["attrs"].values())):
        return False
    for group_name, group, _index in widget["optgroups"]:
        if _called(group_name):
            return False
        for option in group:
            if option["template_name"] != OPTION or any(
                map(_called, (option["value"], option["label"], *option["attrs"].values()))
            ):
                return False
    return True


def render_select(widget):
    """django/forms/widgets/select.html with select_option.html for each option."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"  # the option template's last line
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class Renderer(DjangoTemplates):
    """FORM_RENDERER: Django's template renderer with plain selects written directly."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if template_name == SELECT and widget is not None and _plain(widget):
            return render_select(widget)
        return super().render(template_name, context, request)
