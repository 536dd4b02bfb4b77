from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField, TelField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from portal.forms import Form, PASSWORD_MAX, email_field, new_password_field

NAME = [DataRequired(_l("Enter your name.")), Length(max=120)]
PHONE = [Optional(), Length(max=40), Regexp(r"^\+?[0-9 ()-]{6,40}$", message=_l("Enter a phone number, digits only."))]


class LoginForm(Form):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                         Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})


class TotpForm(Form):
    code = StringField(_l("Six-digit code"), validators=[
        DataRequired(_l("Enter the code from your authenticator app.")),
        Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("The code is six digits.")),
    ], render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})


class RecoveryCodeForm(Form):
    recovery_code = StringField(_l("Recovery code"), validators=[
        DataRequired(_l("Enter one of your recovery codes.")), Length(max=40)],
        description=_l("Ten letters and digits, for example abcde-fgh23. Each code works once."),
        render_kw={"autocomplete": "off", "spellcheck": "false"})


class PasswordPairMixin:
    password = new_password_field()
    confirm = PasswordField(_l("Repeat the password"), validators=[
        DataRequired(_l("Repeat the password.")), EqualTo("password", _l("The passwords are not the same.")),
    ], render_kw={"autocomplete": "new-password"})


class RegisterConsultantForm(PasswordPairMixin, Form):
    name = StringField(_l("Full name"), validators=NAME, render_kw={"autocomplete": "name"})
    email = email_field()
    accept_terms = BooleanField(_l("I accept the terms for consultants and have read the privacy policy"), validators=[
        DataRequired(_l("Read the terms for consultants and the privacy policy, then tick the box to continue."))])


class RegisterOrganisationForm(PasswordPairMixin, Form):
    kind = RadioField(_l("Your organisation is a"), choices=[
        SelectChoice("buyer", _l("Client company (buys consultant services)")),
        SelectChoice("supplier", _l("Consultancy firm (offers consultants)")),
        SelectChoice("partner", _l("Business partner")),
    ], validators=[DataRequired(_l("Choose what kind of organisation you represent."))])
    organisation_name = StringField(_l("Organisation name"), validators=[
        DataRequired(_l("Enter the organisation's name.")), Length(max=200)], render_kw={"autocomplete": "organization"})
    org_number = StringField(_l("Organisation number"), validators=[
        DataRequired(_l("Enter the organisation number.")), Length(max=20)],
        description=_l("Ten digits, for example 556706-5981."))
    name = StringField(_l("Your full name"), validators=NAME, render_kw={"autocomplete": "name"})
    job_title = StringField(_l("Job title"), validators=[DataRequired(_l("Enter your job title.")), Length(max=120)],
                            render_kw={"autocomplete": "organization-title"})
    phone = TelField(_l("Phone (optional)"), validators=PHONE, render_kw={"autocomplete": "tel"})
    email = email_field(_l("Work e-mail"))
    accept_terms = BooleanField(_l("I have read the privacy policy"), validators=[
        DataRequired(_l("Read the privacy policy and tick the box to continue."))])


class InvitationForm(PasswordPairMixin, Form):
    name = StringField(_l("Your full name"), validators=NAME, render_kw={"autocomplete": "name"})
    job_title = StringField(_l("Job title"), validators=[DataRequired(_l("Enter your job title.")), Length(max=120)])
    phone = TelField(_l("Phone (optional)"), validators=PHONE, render_kw={"autocomplete": "tel"})


class ForgotPasswordForm(Form):
    email = email_field()


class ResetPasswordForm(PasswordPairMixin, Form):
    pass


class ResendVerificationForm(Form):
    email = email_field()


class ChangePasswordForm(PasswordPairMixin, Form):
    current_password = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Enter your current password.")), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"})


class LanguageForm(Form):
    language = SelectField(_l("Language"), choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "English")])


class ClaimConsultantForm(PasswordPairMixin, Form):
    name = StringField(_l("Your full name"), validators=NAME, render_kw={"autocomplete": "name"})
    accept_terms = BooleanField(_l("I accept the terms for consultants and have read the privacy policy"), validators=[
        DataRequired(_l("Read the terms for consultants and the privacy policy, then tick the box to continue."))])
