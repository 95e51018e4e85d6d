"""Every write to the partnership dataset: each change one history record with who, when and why
(as_at.history.save_with_history)."""

from django.db import transaction
from django.utils.text import slugify

from as_at.history import save_with_history

from .models import FIGURE_HISTORY, INDICATOR_HISTORY, Figure, Indicator


def indicator_slug(reference):
    return slugify(reference)[:40] or "indicator"


@transaction.atomic
def indicator_save(indicator, *, themes=None, user=None, note="", at=None) -> Indicator:
    """Validate and save an indicator whose fields have been set (and its themes, when given),
    with one history record."""
    if not indicator.slug:
        indicator.slug = indicator_slug(indicator.reference)
    indicator.full_clean()
    save_with_history(
        indicator, INDICATOR_HISTORY, user=user, note=note, at=at, m2m={"themes": themes}
    )
    return indicator


@transaction.atomic
def figure_save(figure, *, user=None, note="", at=None) -> Figure:
    """Validate and save a figure whose fields have been set, with one history record."""
    figure.full_clean()
    save_with_history(figure, FIGURE_HISTORY, user=user, note=note, at=at, m2m={})
    return figure
