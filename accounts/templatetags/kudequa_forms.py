"""Bootstrap 5 rendering of Django form fields, for the allauth element templates (templates/allauth/elements/)."""

from django import forms, template

register = template.Library()


@register.filter
def has_required_fields(form) -> bool:
    """Whether the form shows a required field, so the page explains the "*" mark."""
    if form is None or not hasattr(form, "visible_fields"):
        return False
    return any(field.field.required for field in form.visible_fields())


@register.filter
def hidden_field_errors(form) -> list:
    """Errors of hidden fields have no place beside an input: they join the form's own errors."""
    if form is None or not hasattr(form, "hidden_fields"):
        return []
    return [error for field in form.hidden_fields() for error in field.errors]


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


def _css_class(bound_field, base: str) -> str:
    classes = [bound_field.field.widget.attrs.get("class", ""), base]
    if bound_field.errors:
        classes.append("is-invalid")
    return " ".join(css for css in classes if css)


@register.filter
def bootstrap_widget(bound_field):
    """The field's input with Bootstrap's class; Django adds required, aria-invalid and aria-describedby."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        base = "form-check-input"
    elif isinstance(widget, forms.Select):
        base = "form-select"
    else:
        base = "form-control"
    return bound_field.as_widget(attrs={"class": _css_class(bound_field, base)})


@register.filter
def bootstrap_options(bound_field) -> list:
    """The radio buttons or checkboxes of a choice field, each with Bootstrap's class."""
    options = list(bound_field.subwidgets)
    for option in options:
        option.data["attrs"]["class"] = _css_class(bound_field, "form-check-input")
    return options
