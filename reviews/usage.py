"""What the other apps keep of an agency or a theme (an indicator's source agency and themes, a
learning session's places and themes, an audit's agencies and findings), so that the reviews app
can say what uses one before it is deleted, and move it in a merge, and what they show on a
review's page, without importing those apps. Each app registers its uses in its
AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Use:
    # uses(obj) -> a phrase ("is the source of 2 indicators (D01, D02)"), or "" when none.
    uses: Callable
    # move(obj, into, *, user, note) -> how many things moved, each change with its history.
    move: Callable


AGENCY_USES: list[Use] = []
THEME_USES: list[Use] = []
# section(review, as_at) -> {"template": ..., **context} to show on the review's page, or None:
# an audit's grades and findings, the learning sessions that share its learning.
REVIEW_SECTIONS: list[Callable] = []


def register_agency_use(*, uses, move):
    AGENCY_USES.append(Use(uses, move))


def register_theme_use(*, uses, move):
    THEME_USES.append(Use(uses, move))


def register_review_section(section):
    REVIEW_SECTIONS.append(section)


def review_sections(review, as_at):
    """What the other apps show on a review's page as at the day, in the order they registered."""
    return [shown for section in REVIEW_SECTIONS if (shown := section(review, as_at))]


def moved_themes(themes, theme, into):
    """`themes` with `theme` replaced by `into` (once), as a merge leaves them."""
    kept = [t for t in themes if t.pk != theme.pk]
    return kept if any(t.pk == into.pk for t in kept) else [*kept, into]


def unique_slug(queryset, base, *, exclude=None):
    """`base`, or `base-2`, `base-3`... the first that no object of `queryset` (but `exclude`,
    the object's own pk) has: "1.1" and "11" slugify alike."""
    taken = set(
        queryset.exclude(pk=exclude).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
