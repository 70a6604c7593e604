from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "yalu.ledger"
    verbose_name = "Ledger"
