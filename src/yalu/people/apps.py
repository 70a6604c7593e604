from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "yalu.people"
    verbose_name = "People"
