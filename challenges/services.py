"""Every write to the challenge log: each change one history record with who, when and why
(as_at.history.save_with_history). Who may do what is the views' to decide
(challenges.rules)."""

from as_at.history import save_with_history

from .models import CHALLENGE_HISTORY, Challenge


def challenge_save(challenge, *, user=None, note="", at=None) -> Challenge:
    challenge.full_clean()
    save_with_history(challenge, CHALLENGE_HISTORY, user=user, note=note, at=at, m2m={})
    return challenge


def delete_all():
    """Delete the log and its history (`demo_data --reset`), before the agencies it names."""
    Challenge.objects.all().delete()
    Challenge.history.all().delete()
