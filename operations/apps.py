from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What an operator needs and a user never sees: health pages, the request and
    task log lines, backup and restore. It sits beside the apps, not on their ladder."""

    name = "operations"
    verbose_name = "Operations"

    def ready(self):
        from operations import logs

        logs.connect_task_signals()
