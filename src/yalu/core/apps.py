from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yalu.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from yalu.core import login_audit, roles

        login_audit.connect()
        post_migrate.connect(roles.sync_role_groups, dispatch_uid="yalu-sync-role-groups")
