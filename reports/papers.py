"""A paper's PDF, made once for the records it shows and served again while they are unchanged.

A PDF takes seconds to make; asked for again with nothing changed (the committee's members
downloading the same paper before a meeting), it is the same document. Each PDF is kept under a
key made of what it shows: the paper, the day it is asked for (today, and so the default "as at"),
the dates or year asked for, and the records' fingerprint (`records_fingerprint`): the newest
history record of every recorded model. Every change to the records adds a history record (the
services' `as_at.history.save_with_history`, the imports' bulk history), so any change makes a new
key and a new PDF: a kept PDF is never stale. The PDFs are kept in the process's memory (the
"papers" cache, a few dozen at most, for a day), so a restart, a deployment or a restored backup
starts afresh."""

import hashlib

from django.apps import apps
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone


def recorded_models():
    """Every model's history model (not the histories of many-to-many links: a change to the
    links is recorded with a record of the model too)."""
    return [
        model
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
        and any(field.name == "history_id" for field in model._meta.concrete_fields)
    ]


def records_fingerprint():
    """The newest history record of each recorded model, in one query (each the largest of a
    primary key, read from its index whatever the size of the history)."""
    models = recorded_models()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {number}, MAX({quote('history_id')}) FROM {quote(model._meta.db_table)}"
        for number, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        newest = dict(cursor.fetchall())
    return tuple((model._meta.label, newest.get(n)) for n, model in enumerate(models))


def paper_key(paper, asked):
    """The key of a paper's PDF: the paper, what was asked for (`asked`: the query's values
    that choose what it shows), today, and the records' fingerprint."""
    shown = (paper, tuple(asked), timezone.localdate().isoformat(), records_fingerprint())
    return f"paper:{hashlib.sha256(repr(shown).encode()).hexdigest()}"


def kept(key):
    """The PDF kept under `key` (its bytes and file name), or None."""
    return caches["papers"].get(key)


def keep(key, pdf, filename):
    caches["papers"].set(key, (pdf, filename))


def pdf_response(pdf, filename):
    """A PDF as a download."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
