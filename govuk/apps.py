import functools

from django.apps import AppConfig


class GovukConfig(AppConfig):
    """GOV.UK Frontend for Django: template tags for forms and tables, and the table classes."""

    name = "govuk"
    verbose_name = "GOV.UK Frontend"

    def ready(self):
        _remember_signatures()


def _remember_signatures():
    """django-tables2 inspects a column's render method's signature for every cell it renders,
    which is most of the cost of a page of rows. A function's signature does not change, so it
    is worked out once per function (bound methods by their function: the `self` they drop is
    the same for all)."""
    from django_tables2 import utils

    inspect_signature = utils.signature

    @functools.lru_cache(maxsize=1024)
    def of_function(function, bound):
        if bound:
            return inspect_signature(functools.partial(function, None))
        return inspect_signature(function)

    def signature(fn):
        function = getattr(fn, "__func__", None)
        if function is not None:
            return of_function(function, True)
        try:
            return of_function(fn, False)
        except TypeError:  # not hashable: ask every time, as django-tables2 does
            return inspect_signature(fn)

    utils.signature = signature
