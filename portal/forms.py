"""Form pieces shared by every portal."""
import re
from datetime import date

import wtforms
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length, NumberRange, StopValidation, ValidationError

from portal.routing import INTEGER_MAX, BoundedIntegerConverter

PASSWORD_MIN, PASSWORD_MAX = 12, 128
PAGE_MAX = 10**6
SEARCH_MAX = 100  # characters in a search box; SQLite refuses LIKE patterns over 50 kB


class Form(FlaskForm):
    """Every form's base. CSRFProtect checks every POST (form field or htmx header) before any
    view runs, so the per-form check is off: pages with several forms keep one token name."""

    class Meta:
        csrf = False


class EmptyForm(Form):
    """A one-button POST: only the CSRF token, which CSRFProtect checks."""


def email_field(label=None):
    return EmailField(label or _l("E-mail"), validators=[
        DataRequired(_l("Enter your e-mail address.")), Length(max=254), Email(_l("Enter a valid e-mail address."))
    ], render_kw={"autocomplete": "email"})


class StrongPassword:
    """zxcvbn's verdict (services/accounts/password_strength.py), knowing the person's own e-mail and
    name: from the form's fields, or the signed-in account when the form has none."""

    def __call__(self, form, field) -> None:
        if not field.data or not PASSWORD_MIN <= len(field.data) <= PASSWORD_MAX:
            return  # the length rule speaks first
        from flask_login import current_user

        from portal.services.accounts import password_strength

        inputs = [getattr(form, name).data for name in ("email", "name", "organisation_name")
                  if isinstance(getattr(getattr(form, name, None), "data", None), str)]
        if current_user.is_authenticated:
            inputs += [current_user.email, current_user.name]
        reasons = password_strength.weakness(field.data, inputs)
        if reasons:
            raise ValidationError(" ".join(reasons))


def new_password_field(label=None):
    return PasswordField(label or _l("Password"), validators=[
        DataRequired(_l("Choose a password.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("The password must be %(min)d–%(max)d characters long.", min=PASSWORD_MIN,
                          max=PASSWORD_MAX)),
        StrongPassword(),
    ], render_kw={"autocomplete": "new-password"},
        description=_l("At least 12 characters. A few uncommon words make a strong password that is easy to "
                       "remember."))


def apply_domain_error(form: FlaskForm, error) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    message = str(error.message)  # plain text, which Jinja escapes; never markup
    if field is not None:
        field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
    else:
        form.form_errors.append(message)


def choices(pairs) -> list:
    """(value, label) pairs as wtforms SelectChoice objects (tuples are deprecated in wtforms 3.3)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(value, label) for value, label in pairs]


class IntegerField(wtforms.IntegerField):
    """A whole number its INTEGER column can hold (issue 12, finding 6): anything outside 0…2^31−1
    is a form error, in the range the field's own NumberRange gives if it has one."""

    def pre_validate(self, form) -> None:
        # Not a number: that message alone, not the range's as well. A blank value is left to the
        # validators, so Optional() still clears it.
        if self.process_errors and _given(self):
            raise StopValidation()
        if self.data is not None and not 0 <= self.data <= INTEGER_MAX:
            given = next((v for v in self.validators if isinstance(v, NumberRange)), None)
            low = max(0, given.min) if given and given.min is not None else 0
            high = min(INTEGER_MAX, given.max) if given and given.max is not None else INTEGER_MAX
            raise StopValidation(_("Enter a whole number from %(min)d to %(max)d.", min=low, max=high))


class DecimalField(wtforms.DecimalField):
    """A decimal number: "NaN", "sNaN" and "Infinity" parse as Decimals but are not amounts."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(_("Enter a number."))

    def pre_validate(self, form) -> None:
        if self.process_errors and _given(self):
            raise StopValidation()


def _given(field) -> bool:
    return bool(field.raw_data) and bool(str(field.raw_data[0]).strip())


def parse_id(value) -> int | None:
    """An id sent in a form field or a query: ASCII digits an INTEGER column holds, or None."""
    text = value.strip() if isinstance(value, str) else ""
    return int(text) if re.fullmatch(BoundedIntegerConverter.regex, text) else None


def parse_date(value) -> date | None:
    """An ISO date (YYYY-MM-DD) sent in a form field, or None for anything else."""
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def search_too_long(text: str) -> str | None:
    """The message for a search longer than SEARCH_MAX, else None."""
    return _("Search with at most %(max)d characters.", max=SEARCH_MAX) if len(text) > SEARCH_MAX else None


def page_number(value: str) -> int:
    """`request.args.get("page", 1, type=page_number)`: 1…PAGE_MAX, anything else the first page."""
    number = parse_id(value)
    if number is None or not 1 <= number <= PAGE_MAX:
        raise ValueError(value)
    return number


def refuse_unless_one_click_or_csrf() -> None:
    """An unsubscribe POST is either RFC 8058's one-click (`List-Unsubscribe=One-Click`, sent by the mail provider
    without cookie or token; the signed link is the authority) or the page's own button, which carries a valid
    CSRF token; anything else is a 400."""
    from flask import abort, request
    from flask_wtf.csrf import validate_csrf

    if request.form.get("List-Unsubscribe") == "One-Click":
        return
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        abort(400)
