from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    # The app's permissions exist once its own migrations have run, after the reviews app's.
    from reviews.services import groups_ensure

    groups_ensure()


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Delivery plan and priorities"

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self)
        from reviews.usage import register_agency_use, register_theme_use

        from . import usage

        register_agency_use(uses=usage.agency_uses, move=usage.agency_move)
        register_theme_use(uses=usage.theme_uses, move=usage.theme_move)
