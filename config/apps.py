from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project itself as an app, for what an operator needs and a user never
    sees: the request and task log lines and the `backup` and `restore` commands.
    It stands on top of the ladder, above every app."""

    name = "config"
    verbose_name = "Operations"

    def ready(self):
        from config import login, logs

        logs.connect_task_signals()
        login.connect_signals()
