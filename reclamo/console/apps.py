from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "reclamo.console"
    label = "console"
