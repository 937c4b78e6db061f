from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "reclamo.providers"
    label = "providers"
