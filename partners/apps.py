from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Partner newsrooms: API keys, the REST API, submissions and webhooks.

    The tables keep their `factcheck_*` names (each model sets `db_table`): the app lived in the
    project package `factcheck/` until it moved here, and its migrations `replace` the old
    `factcheck` ones, so a database migrated before the move goes on without a table rename.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "partners"
    verbose_name = "Partners and API"
