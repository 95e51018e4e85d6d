"""What the delivery plans keep of an agency (a priority's lead agency) and of a theme (a
priority's themes), told to the reviews app (reviews.usage) so that deleting one in use is
refused and a merge moves them, each with a history record."""

from reviews.models import counted_named
from reviews.usage import moved_themes

from . import services
from .models import Priority


def agency_uses(agency):
    said = counted_named(
        Priority.objects.filter(lead_agency=agency).order_by("slug"), "priority", "priorities"
    )
    return f"leads {said}" if said else ""


def agency_move(agency, into, *, user, note):
    priorities = list(Priority.objects.filter(lead_agency=agency))
    for priority in priorities:
        priority.lead_agency = into
        services.priority_save(priority, user=user, note=note)
    return len(priorities)


def theme_uses(theme):
    return counted_named(
        Priority.objects.filter(themes=theme).order_by("slug"), "priority", "priorities"
    )


def theme_move(theme, into, *, user, note):
    priorities = list(Priority.objects.filter(themes=theme).prefetch_related("themes"))
    for priority in priorities:
        themes = moved_themes(priority.themes.all(), theme, into)
        services.priority_save(priority, themes=themes, user=user, note=note)
    return len(priorities)
