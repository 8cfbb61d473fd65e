from django import template

from parties.documents import named_for_office

register = template.Library()


@register.filter
def vietnamese_name(user):
    """Vietnamese order: family name first ("Hoàng Thị Thu Thủy"), else the username."""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


@register.filter
def position_under(position, name):
    """The position to show under `name`: none for a record named for its office ("Đại
    diện lãnh đạo UBND huyện", position "Lãnh đạo UBND huyện"), which it would only
    repeat (parties/documents.py: named_for_office, as the printed reports do)."""
    return "" if not position or named_for_office(name, position) else position
