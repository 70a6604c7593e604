from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "yalu.reports"
    verbose_name = "Reports"
