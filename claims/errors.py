"""Domain errors: what went wrong in words an editor or a partner can act on.

Views and the API map `code` to an HTTP status; the message is shown as it is.
"""


class DomainError(Exception):
    code = "invalid"
    http_status = 400

    def __init__(self, message: str, *, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class InvalidArticle(DomainError):
    code = "invalid_article"


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"
    http_status = 409


class GuardFailed(DomainError):
    code = "guard_failed"
    http_status = 409


class NotPermitted(DomainError):
    code = "permission_denied"
    http_status = 403


class StaleVersion(DomainError):
    """Somebody saved the object after the copy being saved was loaded."""

    code = "stale_version"
    http_status = 409
