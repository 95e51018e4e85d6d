"""Synthetic data for the benchmark, at a multiple of the demo partnership.

1× is the demo itself (5 reviews, 72 actions, their history). A larger scale adds copies of the
demo's reviews, each renamed and set back in time by a different number of days, so that the
data reads like years of a partnership's work: the same kinds of action, status mix and history
(about six records per action, with their theme and agency links), open actions long overdue in
the older copies, and fewer actions in existence at the earlier meetings. Rows are written with
bulk inserts, a batch of copies at a time.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from reviews.models import Action, CommitteeMeeting, Review

MEETINGS = 20  # quarterly committee meetings, the latest about three months ago
COPIES_PER_BATCH = 40
# How far back each copy is set, in days: spread over about six years.
SPREAD_DAYS = 2200

REVIEW_DATES = ["started_on", "learning_published_on", "ratified_on", "closed_on"]
HISTORY_MOMENTS = ["history_date", "history_valid_until"]
ACTION_DATES = ["target_date", "original_target_date", "completed_on", "embedded_on"]


def build(scale, *, log=print):
    """Fill an empty, migrated database with `scale` times the demo partnership."""
    call_command("demo_data", force=True, verbosity=0, stdout=_Null())
    today = timezone.localdate()
    for quarter in range(1, MEETINGS + 1):
        CommitteeMeeting.objects.get_or_create(
            committee=settings.COMMITTEE_NAME, date=today - timedelta(days=91 * quarter)
        )
    template = _Template()
    copies = list(range(1, scale))
    for start in range(0, len(copies), COPIES_PER_BATCH):
        batch = copies[start : start + COPIES_PER_BATCH]
        with transaction.atomic():
            for copy in batch:
                template.copy(copy, shift=timedelta(days=_shift(copy, scale)))
            template.flush()
        log(f"  {scale}×: {min(start + COPIES_PER_BATCH, len(copies)) + 1} of {scale} copies")
    # What autovacuum would do on a live database soon after: planner statistics, and the
    # visibility map that lets PostgreSQL answer counts from an index alone.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _shift(copy, scale):
    """Days the copy is set back: evenly spread, so that every year has its share."""
    return 7 + round(copy * SPREAD_DAYS / max(scale, 2))


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def _rows(model):
    return [row.__dict__.copy() for row in model.objects.order_by("pk")]


def _clean(row):
    return {key: value for key, value in row.items() if not key.startswith("_")}


class _Template:
    """The demo's rows, read once, and the copies waiting to be written."""

    def __init__(self):
        self.reviews = _rows(Review)
        self.review_history = _rows(Review.history.model)
        self.review_themes = list(Review.themes.through.objects.values("review_id", "theme_id"))
        self.review_history_themes = _rows(Review.history.model.themes.model)
        self.actions = _rows(Action)
        self.action_themes = list(Action.themes.through.objects.values("action_id", "theme_id"))
        self.action_supporters = list(
            Action.supporting_agencies.through.objects.values("action_id", "agency_id")
        )
        History = Action.history.model
        self.history_links = [
            (History.themes.model, _rows(History.themes.model)),
            (History.supporting_agencies.model, _rows(History.supporting_agencies.model)),
        ]
        self.action_history = self._with_progress_reviews(_rows(History))
        self.pending = []

    def _with_progress_reviews(self, records):
        """The demo's history, with a progress review recorded halfway through the first gap in
        each action's history (and the second, for every other action): the quarterly updates
        a partnership records where nothing else changed. About six records per action."""
        by_action = {}
        for record in sorted(records, key=lambda r: (r["id"], r["history_date"], r["history_id"])):
            by_action.setdefault(record["id"], []).append(record)
        # For each kind of link (themes, agencies): its rows, and them by history record.
        link_kinds = []
        for _, rows in self.history_links:
            by_record = {}
            for link in rows:
                by_record.setdefault(link["history_id"], []).append(link)
            link_kinds.append((rows, by_record))
        extra_key = 0
        result = []
        for number, chain in enumerate(by_action.values()):
            gaps = 2 if number % 2 else 1
            for index, record in enumerate(chain):
                result.append(record)
                following = chain[index + 1] if index + 1 < len(chain) else None
                if index >= gaps or following is None or record["history_type"] == "-":
                    continue
                extra_key -= 1
                middle = (
                    record["history_date"]
                    + (following["history_date"] - record["history_date"]) / 2
                )
                review = record | {
                    "history_id": extra_key,
                    "history_type": "~",
                    "history_date": middle,
                    "history_valid_until": following["history_date"],
                    "history_change_reason": "Progress reviewed with the lead agency",
                    "progress_note": "Reviewed at the quarterly check: work continues as planned.",
                }
                record["history_valid_until"] = middle
                result.append(review)
                for rows, by_record in link_kinds:
                    for link in by_record.get(record["history_id"], []):
                        rows.append(link | {"history_id": extra_key})
        return result

    def copy(self, number, *, shift):
        self.pending.append((number, shift))

    def flush(self):
        """Write the pending copies: reviews, then actions, then history, then links."""
        copies, self.pending = self.pending, []
        review_ids = self._write_reviews(copies)
        action_ids = self._write_actions(copies, review_ids)
        self._write_action_history(copies, review_ids, action_ids)

    def _write_reviews(self, copies):
        new, keys = [], []
        for number, shift in copies:
            for row in self.reviews:
                values = _clean(row) | {
                    "id": None,
                    "name": f"{row['name']} ({number + 1})",
                    "slug": f"{row['slug']}-{number + 1}",
                }
                _move(values, REVIEW_DATES, shift)
                new.append(Review(**values))
                keys.append((number, row["id"]))
        Review.objects.bulk_create(new)
        review_ids = {key: review.pk for key, review in zip(keys, new, strict=True)}

        Through = Review.themes.through
        Through.objects.bulk_create(
            Through(review_id=review_ids[number, link["review_id"]], theme_id=link["theme_id"])
            for number, _ in copies
            for link in self.review_themes
        )
        History = Review.history.model
        records, record_keys = [], []
        for number, shift in copies:
            for row in self.review_history:
                values = _clean(row) | {
                    "history_id": None,
                    "id": review_ids[number, row["id"]],
                    "name": f"{row['name']} ({number + 1})",
                    "slug": f"{row['slug']}-{number + 1}",
                }
                _move(values, REVIEW_DATES + HISTORY_MOMENTS, shift)
                records.append(History(**values))
                record_keys.append((number, row["history_id"]))
        History.objects.bulk_create(records)
        history_ids = {k: r.history_id for k, r in zip(record_keys, records, strict=True)}
        Links = History.themes.model
        Links.objects.bulk_create(
            Links(
                **_clean(link)
                | {
                    "m2m_history_id": None,
                    "history_id": history_ids[number, link["history_id"]],
                    "review_id": review_ids[number, link["review_id"]],
                }
            )
            for number, _ in copies
            for link in self.review_history_themes
        )
        return review_ids

    def _write_actions(self, copies, review_ids):
        new, keys = [], []
        for number, shift in copies:
            for row in self.actions:
                values = _clean(row) | {
                    "id": None,
                    "review_id": review_ids[number, row["review_id"]],
                }
                _move(values, ACTION_DATES, shift)
                values["created_at"] = row["created_at"] - shift
                values["updated_at"] = row["updated_at"] - shift
                new.append(Action(**values))
                keys.append((number, row["id"]))
        Action.objects.bulk_create(new)
        action_ids = {key: action.pk for key, action in zip(keys, new, strict=True)}
        for Through, links, column in [
            (Action.themes.through, self.action_themes, "theme_id"),
            (Action.supporting_agencies.through, self.action_supporters, "agency_id"),
        ]:
            Through.objects.bulk_create(
                Through(action_id=action_ids[number, link["action_id"]], **{column: link[column]})
                for number, _ in copies
                for link in links
            )
        return action_ids

    def _write_action_history(self, copies, review_ids, action_ids):
        History = Action.history.model
        records, keys = [], []
        for number, shift in copies:
            for row in self.action_history:
                values = _clean(row) | {
                    "history_id": None,
                    "id": action_ids[number, row["id"]],
                    "review_id": review_ids[number, row["review_id"]],
                    "updated_at": row["updated_at"] - shift,
                }
                _move(values, ACTION_DATES + HISTORY_MOMENTS, shift)
                records.append(History(**values))
                keys.append((number, row["history_id"]))
        History.objects.bulk_create(records, batch_size=5000)
        history_ids = {key: record.history_id for key, record in zip(keys, records, strict=True)}
        for Links, links in self.history_links:
            Links.objects.bulk_create(
                (
                    Links(
                        **_clean(link)
                        | {
                            "m2m_history_id": None,
                            "history_id": history_ids[number, link["history_id"]],
                            "action_id": action_ids[number, link["action_id"]],
                        }
                    )
                    for number, _ in copies
                    for link in links
                ),
                batch_size=5000,
            )


def _move(values, fields, shift):
    for field in fields:
        if values.get(field) is not None:
            values[field] = values[field] - shift
