"""The body of a GOV.UK table, rendered in Python: the same markup as a template loop over each
row's cells, at a fraction of the cost on a page of many cells (see bench/README.md)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def table_rows(table):
    """Each row of the table's current page: the row-header column as a `th`, the rest as `td`s
    labelled with their column's header (the label shows when a narrow screen stacks the cells)."""
    columns = list(table.columns)
    if not columns:
        return ""
    opening = {
        column.name: (
            mark_safe('<th scope="row" class="govuk-table__header">')
            if column.name == table.row_header
            else format_html('<td {} data-label="{}">', column.attrs["td"].as_html(), column.header)
        )
        for column in columns
    }
    closing = {
        column.name: "</th>" if column.name == table.row_header else "</td>" for column in columns
    }
    html = []
    for row in table.paginated_rows:
        html.append(format_html("<tr {}>", row.attrs.as_html()))
        for column, cell in row.items():
            html += [opening[column.name], conditional_escape(cell), closing[column.name]]
        html.append("</tr>")
    if not html:
        return format_html(
            '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{}">{}</td></tr>',
            len(columns),
            table.empty_text,
        )
    return mark_safe("".join(str(part) for part in html))
