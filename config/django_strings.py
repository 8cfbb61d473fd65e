"""Messages of Django's admin and of django-simple-history that their own
Vietnamese catalogues lack, so that the admin reads Vietnamese throughout.

Django's catalogue trails its releases (the colour-theme switch, the counts in
the filters, password-based authentication are newer than its Vietnamese
translation) and simple-history ships none. Our catalogue comes first
(LOCALE_PATHS), so a message translated there fills the gap. This module is
never imported: it only lists the messages so that `make messages` keeps them.
The JavaScript ones (the date picker, the two-list selector) are in
locale/vi/LC_MESSAGES/djangojs.po, which `make messages` compiles but never
rewrites. tests/test_admin_language.py fails when one of them is left untranslated.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_lazy

DJANGO_ADMIN = [
    _("Skip to main content"),
    _("Breadcrumbs"),
    _("Toggle navigation"),
    _("Sidebar"),
    _("Filter navigation items"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Added:"),
    _("Changed:"),
    _("Deleted:"),
    _("Show counts"),
    _("Hide counts"),
    _("Select this object for an action - {}"),
    _("Select all objects on this page for an action"),
    _("View selected %(model)s"),
    _("Forgotten your login credentials?"),
    _("LogEntry Object"),
    _("log entry"),
    _("log entries"),
    _("Error:"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    ngettext_lazy("entry", "entries", 1),
    _("In case you’ve forgotten, you are:"),
]

DJANGO_USERS = [
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Set password"),
    _("Set password: %s"),
    _("Reset password"),
    _("Email"),
    _("Password-based authentication"),
    _("Enabled"),
    _("Disabled"),
    _("Enable password-based authentication"),
    _("Disable password-based authentication"),
    _("Password-based authentication was disabled."),
    _("This action will <strong>enable</strong> password-based authentication for this user."),
    _("Enable password-based authentication for this user by setting a password."),
    _(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Conflicting form data submitted. Please try again."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    _(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and "
        "uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    # How a stored password is described, for the hashers other than the default one
    _("variety"),
    _("version"),
    _("memory cost"),
    _("time cost"),
    _("parallelism"),
    _("block size"),
]

# The admin's "view on site" link, when it cannot go anywhere
DJANGO_CONTENT_TYPES = [
    _("Content type %(ct_id)s object %(obj_id)s doesn’t exist"),
    _("%(ct_name)s objects don’t have a get_absolute_url() method"),
]

# What the admin's forms may say of bad input (model and form validation).
DJANGO_VALIDATION = [
    _("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    _("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    _("Null characters are not allowed."),
    _("Constraint “%(name)s” is violated."),
    _("Enter a complete value."),
    _("“%(pk)s” is not a valid value."),
    _("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    _("The inline value did not match the parent instance."),
    _(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
        "ambiguous or it may not exist."
    ),
    _(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: "
        "%(allowed_extensions)s."
    ),
    _("“%(value)s” value must be either True or False."),
    _("“%(value)s” value must be either True, False, or None."),
    _("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    _("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    _(
        "“%(value)s” value has an invalid format. It must be in YYYY-MM-DD "
        "HH:MM[:ss[.uuuuuu]][TZ] format."
    ),
    _(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it "
        "is an invalid date/time."
    ),
    _("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
    _("“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."),
    _("“%(value)s” value must be a decimal number."),
    _("“%(value)s” value must be an integer."),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1
    ),
    _(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    _("That page number is not an integer"),
    _("That page number is less than 1"),
    _("That page contains no results"),
]

SIMPLE_HISTORY = [
    _("View history: %s"),
    _("Revert %s"),
    _("View %(verbose_name)s"),
    _("Revert %(verbose_name)s"),
    _('The %(name)s "%(obj)s" was changed successfully.'),
    _("You may edit it again below"),
    _("Created"),
    _("Changed"),
    _("Deleted"),
    _("Deleted %(type_name)s"),
    _("Choose a date from the list below to revert to a previous version of this object."),
    _("This object doesn't have a change history."),
    _("Press the 'Revert' button below to revert to this version of the object."),
    _("Press the 'Change History' button below to edit the history."),
    _("Object"),
    _("Comment"),
    _("Changed by"),
    _("Change reason"),
    _("Revert"),
    _("Change History"),
]
