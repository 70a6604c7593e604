from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "yalu.permits"
    verbose_name = "Permits"
