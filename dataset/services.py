"""Every write to the partnership dataset: each change one history record with who, when and why
(as_at.history.save_with_history)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from as_at.history import BackdatedChange, save_with_history
from reviews.usage import unique_slug

from .models import FIGURE_HISTORY, INDICATOR_HISTORY, Figure, Indicator


def indicator_slug(reference, *, exclude=None):
    """The indicator's web address from its reference, made unique: "1.1" and "11", or "CP 1"
    and "CP-1", are both "11" or "cp-1" when slugified, so the second gets "-2"."""
    return unique_slug(Indicator.objects, slugify(reference)[:36] or "indicator", exclude=exclude)


@transaction.atomic
def indicator_save(indicator, *, themes=None, user=None, note="", at=None) -> Indicator:
    """Validate and save an indicator whose fields have been set (and its themes, when given),
    with one history record."""
    if not indicator.slug:
        indicator.slug = indicator_slug(indicator.reference, exclude=indicator.pk)
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


def figures_check(figures) -> list[tuple[int, ValidationError]]:
    """Each figure that breaks a rule, by its position in `figures`, with what is wrong: the
    rules figure_save checks, read from the database in one query whatever their number. The
    figures' indicators must be saved ones."""
    problems = []
    keys = {}
    for index, figure in enumerate(figures):
        try:
            # The indicator is a saved one and the one-per-period rule is checked below for all
            # of them at once; the suppressed-has-no-value rule is also Figure.clean's.
            figure.full_clean(
                exclude=["indicator"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            problems.append((index, error))
        key = (figure.indicator_id, figure.period_kind, figure.period_start)
        if key in keys:
            problems.append((index, ValidationError("The same period is given twice.")))
        keys[key] = figure
    taken = Figure.objects.filter(indicator__in={key[0] for key in keys}).values_list(
        "pk", "indicator_id", "period_kind", "period_start"
    )
    for pk, *key in taken:
        figure = keys.get(tuple(key))
        if figure is not None and figure.pk != pk:
            index = next(i for i, f in enumerate(figures) if f is figure)
            message = f"{figure.indicator} already has a figure for {figure.period.label}."
            problems.append((index, ValidationError(message)))
    return sorted(problems, key=lambda problem: problem[0])


@transaction.atomic
def figures_save(figures, *, user=None, note="", at=None) -> list[Figure]:
    """Validate and save many figures at once, new and changed, each with one history record
    (who, why and when, as figure_save records it), in a few queries whatever their number.
    Raises the first figure's ValidationError if any breaks a rule (see figures_check)."""
    figures = list(figures)
    problems = figures_check(figures)
    if problems:
        raise problems[0][1]
    changed = [figure for figure in figures if figure.pk is not None]
    new = [figure for figure in figures if figure.pk is None]
    if at is not None and changed:
        later = Figure.history.filter(id__in=[f.pk for f in changed], history_date__gt=at)
        if later.exists():
            raise BackdatedChange(
                f"A figure has a change recorded after {at:%Y-%m-%d %H:%M}: a change cannot be "
                "recorded before it. Record changes in the order they happened."
            )
    _update_changed_fields(changed)
    Figure.objects.bulk_create(new, batch_size=500)
    moment = at or timezone.now()
    for objs, update in ((new, False), (changed, True)):
        Figure.history.bulk_history_create(
            objs,
            batch_size=500,
            update=update,
            default_user=user,
            default_change_reason=note,
            default_date=moment,
        )
    return figures


def _update_changed_fields(figures):
    """UPDATE each figure's changed fields only, grouped by which fields changed: bulk_update
    builds a CASE for each field of each row, so sending only what changed keeps it quick."""
    fields = [f.attname for f in Figure._meta.concrete_fields if not f.primary_key]
    stored = Figure.objects.in_bulk([f.pk for f in figures])
    groups = {}
    for figure in figures:
        before = stored.get(figure.pk)
        names = tuple(
            name
            for name in fields
            if before is None or getattr(before, name) != getattr(figure, name)
        )
        if names:
            groups.setdefault(names, []).append(figure)
    for names, objs in groups.items():
        Figure.objects.bulk_update(objs, names, batch_size=500)
