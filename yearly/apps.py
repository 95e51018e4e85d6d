from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    # The app's permissions exist once its own migrations have run, after the reviews app's.
    from reviews.services import groups_ensure

    groups_ensure()


class YearlyConfig(AppConfig):
    name = "yearly"
    verbose_name = "Yearly report"

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self)
        from reviews.usage import register_agency_use

        from . import usage

        register_agency_use(uses=usage.agency_uses, move=usage.agency_move)
