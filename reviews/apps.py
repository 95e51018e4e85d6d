from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from .services import groups_ensure

    groups_ensure()


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Safeguarding reviews and actions"

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self)
