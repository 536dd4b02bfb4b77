"""Form pieces shared by every portal."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length

PASSWORD_MIN, PASSWORD_MAX = 12, 128


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


def new_password_field(label=None):
    return PasswordField(label or _l("Password"), validators=[
        DataRequired(_l("Choose a password.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("The password must be %(min)d–%(max)d characters long.", min=PASSWORD_MIN,
                          max=PASSWORD_MAX)),
    ], render_kw={"autocomplete": "new-password"})


def apply_domain_error(form: FlaskForm, error) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message] if isinstance(field.errors, list) else [error.message]
    else:
        form.form_errors.append(error.message)


def choices(pairs) -> list:
    """(value, label) pairs as wtforms SelectChoice objects (tuples are deprecated in wtforms 3.3)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(value, label) for value, label in pairs]
