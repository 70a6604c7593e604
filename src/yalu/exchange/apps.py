from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "yalu.exchange"
    verbose_name = "Exchange"
