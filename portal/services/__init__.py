"""Business rules as plain functions. Services flush; views commit."""


class DomainError(Exception):
    """A rule said no. `message` is shown to the person; `field` names the form field, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
