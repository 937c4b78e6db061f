from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "reclamo.accounts"
    label = "accounts"
