"""The calendar's body filter writes its options in one pass (meetings.forms.Select):
the same markup as Django's own select, whitespace aside."""

import re

from django import forms

from meetings.forms import Select

CHOICES = [("", "Tất cả cơ quan"), (1, 'Ban <Dân> vận & "Tỉnh ủy"'), (2, "Hội Nông dân")]
GROUPED = [("Huyện", [(1, "Ban A"), (2, "Ban B")]), (3, "Ban C")]


def normalised(html):
    return re.sub(r">\s+<", "><", html.strip())


def test_the_one_pass_select_writes_what_django_writes():
    for choices in (CHOICES, GROUPED):
        for value in (None, "", "1", "2"):
            ours = Select(choices=choices).render("body", value, {"id": "id_body"})
            django = forms.Select(choices=choices).render("body", value, {"id": "id_body"})
            assert normalised(ours) == normalised(django)
    assert "&lt;Dân&gt; vận &amp; &quot;Tỉnh ủy&quot;" in Select(choices=CHOICES).render("b", "")
