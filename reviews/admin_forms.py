"""What the admin's forms share with the site's own: dates typed as people write them (read by
dates.written), and the box at the top of a page with errors that lists each of them with a link
to its field."""

from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db import models
from django.utils.text import capfirst

from dates.forms import DateField, DateInput

# For a ModelAdmin or an inline: every date field of the model typed as a person writes it.
DATE_FIELDS = {models.DateField: {"form_class": DateField, "widget": DateInput}}


def error_summary(adminforms, non_form_errors=()):
    """Every error on an admin page, in the order of the fields on it: [{"text", "href"}], the
    href None for an error that belongs to no one field.

    `adminforms` are (AdminForm, what its fields belong to) pairs: the page's own form with "",
    each inline's forms with the inline's name, so that a new action's reference is told apart
    from the review's own fields.
    """
    items = [{"text": str(error), "href": None} for error in non_form_errors]
    for adminform, owner in adminforms:
        form = adminform.form
        if not form.is_bound or not form.errors:
            continue
        items += [{"text": str(error), "href": None} for error in form.non_field_errors()]
        shown = [
            field.field.name
            for fieldset in adminform
            for line in fieldset
            for field in line
            if not field.is_readonly
        ]
        names = [name for name in shown if name in form.errors]
        names += [name for name in form.errors if name not in names and name in form.fields]
        for name in names:
            bound = form[name]
            label = capfirst(str(bound.label))
            if owner:
                label = f"{label} ({owner})"
            for error in bound.errors:
                items.append({"text": f"{label}: {error}", "href": f"#{anchor(bound)}"})
    return items


def anchor(bound):
    """The id of the element the summary's link leads to. A two-box chooser (filter_horizontal)
    is built by the admin's script from the field's own list, which it renames "..._from"."""
    widget = getattr(bound.field.widget, "widget", bound.field.widget)  # under the "+" links
    if isinstance(widget, FilteredSelectMultiple):
        return f"{bound.id_for_label}_from"
    return bound.id_for_label
