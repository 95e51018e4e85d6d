from django import template

register = template.Library()


@register.filter
def select_options(bound_field):
    """A select's options as (value, label, selected), without a widget per option: the same
    values and choice as the field's own widget gives, read from its choices once."""
    chosen = bound_field.value()
    chosen = (
        {str(value) for value in chosen}
        if isinstance(chosen, list | tuple)
        else {"" if chosen is None else str(chosen)}
    )
    return [(str(value), label, str(value) in chosen) for value, label in bound_field.field.choices]
