from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "registry.register"
    label = "register"
    verbose_name = "Register"
