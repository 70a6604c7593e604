from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "yalu.web"
    verbose_name = "Web"
