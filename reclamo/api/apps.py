from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "reclamo.api"
    label = "api"
