from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sportello.demo"
    verbose_name = "Demo"
