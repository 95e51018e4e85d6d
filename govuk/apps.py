from django.apps import AppConfig


class GovukConfig(AppConfig):
    """GOV.UK Frontend for Django: template tags for forms and tables, and the table classes."""

    name = "govuk"
    verbose_name = "GOV.UK Frontend"
