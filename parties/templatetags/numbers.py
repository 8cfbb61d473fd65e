"""Counts on a page grouped the language's way ("25.000 chương trình"), as in the reports."""

from django import template

from parties.numbers import grouped

register = template.Library()

register.filter("grouped", grouped)
