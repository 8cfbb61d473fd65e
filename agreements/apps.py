from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Coordination programmes")

    def ready(self):
        from agreements import reach, tally

        reach.connect()
        tally.connect()
