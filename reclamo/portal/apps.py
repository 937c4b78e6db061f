from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "reclamo.portal"
    label = "portal"
