from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "reclamo.operations"
    label = "operations"
