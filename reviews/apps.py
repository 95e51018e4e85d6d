from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from .services import groups_ensure

    groups_ensure()


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Safeguarding reviews and actions"

    def ready(self):
        from safeguarding.middleware import session_refreshed_on_sign_in

        post_migrate.connect(_ensure_groups, sender=self)
        # Signing in starts the idle clock (safeguarding.middleware.IdleSessionMiddleware).
        user_logged_in.connect(session_refreshed_on_sign_in)
