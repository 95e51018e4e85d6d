"""Figures in templates as every page says them (figures.shown): `{{ rate|percent }}`."""

from django import template

from figures import shown

register = template.Library()


@register.filter
def percent(rate, nothing=shown.NO_DIVISOR):
    # A missing variable reaches a filter as "" (a grade one side of a comparison lacks).
    return shown.percent(None if rate == "" else rate, nothing)


@register.filter
def change_in_points(change):
    return shown.change_in_points(None if change == "" else change)
