from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "reclamo.public"
    label = "public"
