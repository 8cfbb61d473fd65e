from django import template

register = template.Library()


@register.filter
def vietnamese_name(user):
    """Vietnamese order: family name first ("Hoàng Thị Thu Thủy"), else the username."""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()
