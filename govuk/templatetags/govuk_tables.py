"""The body of a GOV.UK table, rendered in Python: the same markup as a template loop over each
row's cells, at a fraction of the cost on a page of many cells (see bench/README.md).

django-tables2 works out each cell afresh: it parses the column's accessor, looks up the model
field for its choices, and inspects the render method's signature to call it. Here that is
worked out once per column for the page, and each cell is then a few attribute reads and a call.
The result is what `BoundRow.get_cell` gives (tests/reviews/test_tables.py compares the two)."""

from html import escape
from urllib.parse import urlencode

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2 import A
from django_tables2.columns import ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import AttributeDict, signature

register = template.Library()


# What a render method may ask for and is given here; one asking for more (the bound row, say) is
# left to django-tables2.
CELL_ARGUMENTS = frozenset(["value", "record", "column", "bound_column", "table"])


class CellRenderer:
    """One column's cells: its value read through the accessor (a field's display value where
    the field has choices, as django-tables2 does), its default when empty, else its render."""

    def __init__(self, table, bound_column):
        self.table, self.bound_column, self.column = table, bound_column, bound_column.column
        accessor = A(bound_column.accessor)
        self.path = accessor.split(accessor.SEPARATOR)
        self.default = bound_column.default
        self.render = bound_column.render
        names, catch_all = signature(self.render)
        self.arguments = None if catch_all else frozenset(names)
        self.display = {}  # the model class of the field's owner: its get_FOO_display, or None

    @classmethod
    def for_column(cls, table, bound_column):
        """A renderer, or None where a column needs django-tables2's own (links, many-to-many
        columns, callable defaults or accessor arguments, render methods that ask for more than
        CELL_ARGUMENTS or take any keyword)."""
        column, accessor = bound_column.column, A(bound_column.accessor)
        if (
            bound_column.link
            or isinstance(column, BaseLinkColumn | ManyToManyColumn)
            or callable(getattr(column, "_default", None))  # called per cell by django-tables2
            or accessor.callable_args
            or accessor.callable_kwargs
        ):
            return None
        renderer = cls(table, bound_column)
        if renderer.arguments is None or not renderer.arguments <= CELL_ARGUMENTS:
            return None
        return renderer

    def resolve(self, record):
        """The accessor's value on the record (None if it cannot be read), as
        `Accessor.resolve` with django-tables2's choices rule."""
        if isinstance(record, dict) and self.bound_column.accessor in record:
            return record[self.bound_column.accessor]
        owner = record
        try:
            for part in self.path[:-1]:
                owner = _step(owner, part)
                if owner is None:
                    return None
            last = self.path[-1]
            if isinstance(owner, models.Model) and isinstance(record, models.Model):
                display = self._display_method(owner, last)
                if display:
                    return getattr(owner, display)()
            return _step(owner, last)
        except Exception:  # as django-tables2: a value that cannot be read is empty
            return None

    def _display_method(self, owner, name):
        kind = type(owner)
        if kind not in self.display:
            try:
                field = kind._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            method = f"get_{name}_display"
            usable = getattr(field, "choices", None) and hasattr(owner, method)
            self.display[kind] = method if usable else None
        return self.display[kind]

    def __call__(self, record):
        value = self.resolve(record)
        if value in self.column.empty_values:
            return self.default
        given = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "table": self.table,
        }
        return self.render(**{name: given[name] for name in self.arguments})


def _escape(value):
    """`conditional_escape`, without its lazy-string wrapper: this runs once per cell."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def _step(owner, part):
    """One step of an accessor: a key, an attribute, or an index; a callable is called."""
    if isinstance(owner, dict) and part in owner:
        value = owner[part]
    else:
        try:
            value = getattr(owner, part)
        except AttributeError:
            value = owner[int(part)]
    if callable(value) and not getattr(value, "do_not_call_in_templates", False):
        if getattr(value, "alters_data", False):
            raise ValueError(f"Refusing to call {part}(), which alters data")
        value = value()
    return value


def computed_per_cell(table, bound_column):
    """Whether a column's td attributes are worked out for each cell (a callable value given by
    the table's or the column's `td` or `cell` attributes)."""
    sources = [table.attrs, bound_column.column.attrs]
    values = [v for attrs in sources for key in ("td", "cell") for v in attrs.get(key, {}).values()]
    return any(callable(value) for value in values)


@register.simple_tag
def table_rows(table):
    """Each row of the table's current page: the row-header column as a `th`, the rest as `td`s
    labelled with their column's header (the label shows when a narrow screen stacks the cells)."""
    columns = list(table.columns)
    if not columns:
        return ""
    cells = []
    for column in columns:
        if column.name == table.row_header:
            opening, closing = mark_safe('<th scope="row" class="govuk-table__header">'), "</th>"
        elif computed_per_cell(table, column):
            opening, closing = column, "</td>"  # its attributes depend on the row: see below
        else:
            td = column.attrs["td"].as_html()
            opening, closing = format_html('<td {} data-label="{}">', td, column.header), "</td>"
        cells.append((column.name, CellRenderer.for_column(table, column), opening, closing))
    static_attrs = not any(callable(value) for value in table.row_attrs.values())
    html = []
    for row in table.paginated_rows:
        if static_attrs:
            attrs = AttributeDict(table.row_attrs)
            classes = [attrs.get("class"), row.get_even_odd_css_class()]
            attrs["class"] = " ".join(filter(None, classes))
        else:
            attrs = row.attrs
        html.append(format_html("<tr {}>", attrs.as_html()))
        record = row.record
        for name, renderer, opening, closing in cells:
            cell = renderer(record) if renderer else row.get_cell(name)
            if not isinstance(opening, str):  # a column whose td attributes are computed
                # As BoundRow.items() does: the attributes see the row's record and cell.
                opening.current_record, opening.current_value = record, cell
                td = opening.attrs["td"].as_html()
                opening = format_html('<td {} data-label="{}">', td, opening.header)
            html += [opening, _escape(cell), closing]
        html.append("</tr>")
    if not html:
        return format_html(
            '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{}">{}</td></tr>',
            len(columns),
            table.empty_text,
        )
    return mark_safe("".join(html))


SORT_INDICATOR = {
    False: mark_safe('<span class="app-sort-indicator" aria-hidden="true"> ▲</span>'),
    True: mark_safe('<span class="app-sort-indicator" aria-hidden="true"> ▼</span>'),
}


@register.simple_tag(takes_context=True)
def govuk_table(context, table):
    """A django-tables2 table as a GOV.UK table: a focusable, labelled region (so that a wide
    table scrolls by keyboard), a caption, sortable headers with `aria-sort`, the rows, and
    GOV.UK pagination. Links keep the page's other query parameters."""
    params = dict(context["request"].GET)

    def query(key, value):
        return "?" + urlencode(params | {key: value}, doseq=True)

    page = getattr(table, "page", None)
    pages = table.paginator.num_pages if page else 1
    caption = ""
    if table.caption:
        hidden = "" if table.show_caption else " govuk-visually-hidden"
        of = f" (page {page.number} of {pages})" if pages > 1 else ""
        caption = format_html(
            '<caption class="govuk-table__caption govuk-table__caption--m{}">{}{}</caption>',
            hidden,
            table.caption,
            of,
        )
    headers = []
    for column in table.columns:
        th = column.attrs["th"].as_html()
        if not column.orderable:
            headers.append(format_html("<th {}>{}</th>", th, column.header))
            continue
        descending = column.order_by_alias.is_descending
        sort = ("descending" if descending else "ascending") if column.is_ordered else "none"
        headers.append(
            format_html(
                '<th {} aria-sort="{}"><a href="{}">{}{}</a></th>',
                th,
                sort,
                query(table.prefixed_order_by_field, column.order_by_alias.next),
                column.header,
                SORT_INDICATOR[descending] if column.is_ordered else "",
            )
        )
    html = format_html(
        '<div class="app-table-wrapper" role="region" aria-label="{}" tabindex="0">'
        '<table {}>{}<thead {}><tr class="govuk-table__row">{}</tr></thead>'
        "<tbody {}>{}</tbody></table></div>",
        table.caption or "Table",
        AttributeDict(table.attrs).as_html(),
        caption,
        table.attrs["thead"].as_html(),
        mark_safe("".join(headers)),
        table.attrs["tbody"].as_html(),
        table_rows(table),
    )
    if pages > 1:
        html += pagination(table, page, query)
    return html


def pagination(table, page, query):
    """GOV.UK pagination: previous, the page numbers (django-tables2's range, with ellipses),
    next."""
    field = table.prefixed_page_field
    parts = []
    if page.has_previous():
        parts.append(
            format_html(
                '<div class="govuk-pagination__prev"><a class="govuk-link '
                'govuk-pagination__link" href="{}" rel="prev"><span class="govuk-pagination__link'
                '-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>',
                query(field, page.previous_page_number()),
            )
        )
    items = []
    for number in table_page_range(page, table.paginator):
        if number == "...":
            items.append(
                mark_safe(
                    '<li class="govuk-pagination__item govuk-pagination__item--ellipses">'
                    "&ctdot;</li>"
                )
            )
            continue
        current = number == page.number
        items.append(
            format_html(
                '<li class="govuk-pagination__item{}"><a class="govuk-link govuk-pagination__link" '
                'href="{}" aria-label="Page {}"{}>{}</a></li>',
                " govuk-pagination__item--current" if current else "",
                query(field, number),
                number,
                mark_safe(' aria-current="page"') if current else "",
                number,
            )
        )
    numbers = mark_safe("".join(items))
    parts.append(format_html('<ul class="govuk-pagination__list">{}</ul>', numbers))
    if page.has_next():
        parts.append(
            format_html(
                '<div class="govuk-pagination__next"><a class="govuk-link '
                'govuk-pagination__link" href="{}" rel="next"><span class="govuk-pagination__link'
                '-title">Next<span class="govuk-visually-hidden"> page</span></span></a></div>',
                query(field, page.next_page_number()),
            )
        )
    return format_html(
        '<nav class="govuk-pagination" aria-label="Pages of {}">{}</nav>',
        (table.caption or "results").lower(),
        mark_safe("".join(parts)),
    )
