"""The dataset's pages use the same number of queries however large the dataset: measured with a
handful of indicators, then with hundreds of indicators and thousands of figures (with history).
The counts are written here, so that a new query is a decision rather than an accident."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dataset.models import Figure, Indicator
from dataset.periods import quarter
from tests.factories import AgencyFactory, ThemeFactory

from .helpers import make_indicator

pytestmark = pytest.mark.django_db

# Signed in: session, user, and the user's and groups' permissions come first (4), and the
# session is saved at the end (3: the update in its savepoint).
EXPECTED = {
    # The indicators (with their agency), their themes' names, their figures (the last nine of
    # each, by a window), then the filters' lists of themes and agencies.
    "scorecard": 9,
    # A theme and an agency chosen are looked up, and their lists read again for the page.
    "scorecard filtered": 11,
    "scorecard as at": 10,  # the theme chosen is looked up
    "scorecard csv": 7,  # no filter lists
    "scorecard xlsx": 7,
    "scorecard csv as at": 7,
    # The indicator (with its agency), its figures, its themes, the agencies' names for its
    # history, its history and its figures' history.
    "indicator": 10,
    "indicator as at": 11,  # its themes through the record's own links
}

POLARITIES = ["higher", "lower", "range", "context"]


def add_many(count, periods, *, themes, agencies, start=0):
    """`count` indicators with `periods` quarterly figures each, with history, in bulk."""
    rng = random.Random(count)
    indicators = []
    for n in range(start, start + count):
        polarity = POLARITIES[n % 4]
        indicators.append(
            Indicator(
                reference=f"BULK{n:04d}",
                slug=f"bulk{n:04d}",
                name=f"Bulk indicator {n}",
                polarity=polarity,
                target=None if polarity == "context" else Decimal(60),
                target_high=Decimal(70) if polarity == "range" else None,
                tolerance=Decimal(5),
                source_agency=agencies[n % len(agencies)],
            )
        )
    indicators = bulk_create_with_history(indicators, Indicator)
    links = Indicator.themes.through
    links.objects.bulk_create(
        links(indicator=indicator, theme=themes[n % len(themes)])
        for n, indicator in enumerate(indicators)
    )
    figures = []
    for indicator in indicators:
        for p in range(periods):
            period = quarter(p % 4 + 1, 2023 + p // 4)
            figures.append(
                Figure(
                    indicator=indicator,
                    period_start=period.start,
                    value=Decimal(rng.randint(40, 90)),
                    england=Decimal(70),
                    commentary="" if p % 3 else "Commentary",
                )
            )
    bulk_create_with_history(figures, Figure, batch_size=2000)


def backdate_history():
    two_days = datetime.timedelta(days=2)
    for model in (Indicator, Figure):
        model.history.update(
            history_date=F("history_date") - two_days,
            history_valid_until=F("history_valid_until") - two_days,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_dataset_page_uses_a_constant_number_of_queries(committee_client):
    themes = [ThemeFactory() for _ in range(4)]
    agencies = [AgencyFactory() for _ in range(3)]
    measured = make_indicator(
        "DS01", polarity="higher", target=80, tolerance=5, values=[70, 75, 82, 79, 85],
        themes=themes[:2], source_agency=agencies[0],
    )  # fmt: skip
    add_many(4, 8, themes=themes, agencies=agencies)
    backdate_history()
    day = f"as_at={timezone.localdate() - datetime.timedelta(days=1)}"
    theme = themes[0].slug
    urls = {
        "scorecard": "/dataset/",
        "scorecard filtered": f"/dataset/?theme={theme}&rating=red&agency={agencies[1].slug}",
        "scorecard as at": f"/dataset/?{day}&theme={theme}",
        "scorecard csv": "/dataset/?_export=csv",
        "scorecard xlsx": "/dataset/?_export=xlsx&rating=green",
        "scorecard csv as at": f"/dataset/?_export=csv&{day}",
        "indicator": measured.get_absolute_url(),
        "indicator as at": f"{measured.get_absolute_url()}?{day}",
    }
    small = {name: count_queries(committee_client, url) for name, url in urls.items()}

    add_many(400, 12, themes=themes, agencies=agencies, start=100)  # 4,800 figures
    backdate_history()
    large = {name: count_queries(committee_client, url) for name, url in urls.items()}
    assert Figure.objects.count() > 4800
    assert small == large
    assert large == EXPECTED
