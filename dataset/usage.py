"""What the dataset keeps of an agency (an indicator's source) and of a theme (an indicator's
themes), told to the reviews app (reviews.usage) so that deleting one in use is refused and a
merge moves the indicators, each with a history record."""

from reviews.models import counted_named
from reviews.usage import moved_themes

from . import services
from .models import Indicator


def agency_uses(agency):
    indicators = Indicator.objects.filter(source_agency=agency).order_by("reference")
    said = counted_named(indicators, "indicator")
    return f"is the source of {said}" if said else ""


def agency_move(agency, into, *, user, note):
    indicators = list(Indicator.objects.filter(source_agency=agency))
    for indicator in indicators:
        indicator.source_agency = into
        services.indicator_save(indicator, user=user, note=note)
    return len(indicators)


def theme_uses(theme):
    return counted_named(Indicator.objects.filter(themes=theme).order_by("reference"), "indicator")


def theme_move(theme, into, *, user, note):
    indicators = list(Indicator.objects.filter(themes=theme).prefetch_related("themes"))
    for indicator in indicators:
        themes = moved_themes(indicator.themes.all(), theme, into)
        services.indicator_save(indicator, themes=themes, user=user, note=note)
    return len(indicators)
