from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Signal receivers: audit events for log-in locks (django-axes).
        from portal.accounts import throttle  # noqa: F401
