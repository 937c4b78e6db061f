from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reclamo.reporting"
    label = "reporting"
