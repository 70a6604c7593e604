from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "yalu.areas"
    verbose_name = "Areas"
