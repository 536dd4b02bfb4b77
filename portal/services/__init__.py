"""Business rules as plain functions. Services flush; views commit."""


class DomainError(Exception):
    """A rule said no. `message` is shown to the person; `field` names the form field, if any."""

    def __init__(self, message, field: str | None = None):
        # Always a plain str: a lazy translation counts as safe markup to Jinja (it has __html__), so
        # a user's text inside one would reach the page unescaped (issue 12, finding 1).
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
