"""Issue 12, finding 6 in forms and queries: a number or an id someone sends is one the database can
hold, or the form says what is wrong (422); never an OverflowError (500)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
import wtforms
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField
from wtforms.validators import NumberRange, Optional

from portal import forms
from portal.demo import seed
from portal.extensions import db
from portal.models import Assignment, ProcessingRestriction, User
from tests import site_map
from tests.conftest import sign_in


def _form_classes(cls=FlaskForm):
    for sub in cls.__subclasses__():
        yield sub
        yield from _form_classes(sub)


def test_every_number_field_is_the_bounded_one(app):
    """By construction: wtforms' own IntegerField and DecimalField take 10^30 and "sNaN"."""
    numbers = {}
    for cls in _form_classes():
        for name in dir(cls):
            field = getattr(cls, name, None)
            if isinstance(field, UnboundField) and issubclass(field.field_class, (wtforms.IntegerField,
                                                                                   wtforms.DecimalField)):
                numbers[f"{cls.__module__}.{cls.__name__}.{name}"] = field.field_class
    assert len(numbers) >= 8
    assert {k: v for k, v in numbers.items() if v not in (forms.IntegerField, forms.DecimalField)} == {}


class Numbers(forms.Form):
    free = forms.IntegerField(validators=[Optional()])
    percent = forms.IntegerField(validators=[Optional(), NumberRange(0, 100)])
    amount = forms.DecimalField(places=2, validators=[Optional(), NumberRange(0, 100000)])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("free", str(2**31), "Enter a whole number from 0 to 2147483647."),
    ("free", str(10**30), "Enter a whole number from 0 to 2147483647."),
    ("free", "-1", "Enter a whole number from 0 to 2147483647."),
    ("percent", str(2**64), "Enter a whole number from 0 to 100."),
    ("amount", "sNaN", "Enter a number."),
    ("amount", "NaN", "Enter a number."),
    ("amount", "Infinity", "Enter a number."),
])
def test_a_number_out_of_range_is_a_form_error(app, field, value, message):
    with app.test_request_context(method="POST", headers={"Accept-Language": "en"}):
        form = Numbers(formdata=MultiDict({field: value}))
        assert not form.validate()
        assert form.errors[field] == [message]


def test_numbers_in_range_pass(app):
    with app.test_request_context(method="POST"):
        form = Numbers(formdata=MultiDict({"free": str(2**31 - 1), "percent": "100", "amount": "99.5"}))
        assert form.validate(), form.errors


@pytest.mark.parametrize(("text", "expected"), [
    ("12", 12), (" 12 ", 12), ("0", 0), (str(2**31 - 1), 2**31 - 1), (str(2**31), None), (str(2**63), None),
    ("9" * 50, None),
    ("²", None), ("١٢", None), ("-1", None), ("1_0", None), ("012", None), ("", None), (None, None),
])
def test_parse_id(text, expected):
    assert forms.parse_id(text) == expected


@pytest.mark.parametrize("text", ["0", "-3", str(10**30), "²", "x", str(forms.PAGE_MAX + 1)])
def test_a_page_number_out_of_range_is_the_first_page(app, csrf_off, login_as, text):
    staff = login_as("staff", staff_roles="admin")
    response = staff.get("/staff/outbox", query_string={"page": text})
    assert response.status_code == 200


@pytest.fixture
def recruiter(app, csrf_off):
    """Demo data and its staff member (every staff role), signed in; the first assignment on a shortlist."""
    site_map.load_demo()
    client = app.test_client()
    sign_in(client, db.session.scalar(sa.select(User).where(User.email == site_map.demo_email("staff"))),
            seed.DEMO_PASSWORD)
    assignment_id = db.session.scalar(sa.select(Assignment.id).where(Assignment.state == "shortlisting").limit(1))
    return client, assignment_id


def test_a_hidden_id_beyond_integer_is_refused_not_a_500(recruiter):
    client, assignment_id = recruiter
    restriction_id = db.session.scalar(sa.select(ProcessingRestriction.id).limit(1))
    for value in (str(2**31), str(2**63), str(2**64), "9" * 40, "²", "١٢"):
        for page in ("ranking", "shortlist"):
            response = client.post(f"/staff/assignments/{assignment_id}/{page}",
                                   data={"consultant_id": value, "reason": "r"})
            assert response.status_code == 422, (page, value)
        response = client.post(f"/staff/restrictions/{restriction_id}/lift", data={"request_id": value})
        assert response.status_code == 404, value


def test_a_search_longer_than_the_limit_says_so(recruiter):
    """SQLite refuses a LIKE pattern over 50 kB: a long search used to be a 500."""
    client, assignment_id = recruiter  # demo staff read Swedish
    for path in ("/staff/consultants", f"/staff/assignments/{assignment_id}/shortlist"):
        response = client.get(path, query_string={"q": "ä" * 60_000})
        assert response.status_code == 422, path
        assert f"Sök med högst {forms.SEARCH_MAX} tecken." in response.get_data(as_text=True)
    assert client.get("/staff/consultants", query_string={"q": "ä" * forms.SEARCH_MAX}).status_code == 200


def test_a_nul_character_anywhere_is_a_bad_request(client, csrf_off):
    """PostgreSQL cannot store NUL in text: it used to fail there with a 500 on any form (the hostile test)."""
    assert client.post("/auth/login", data={"email": "a\x00@example.se", "password": "x"}).status_code == 400
    assert client.post("/auth/login", data={"email\x00": "a@example.se"}).status_code == 400
    assert client.post("/auth/login", data={"email": ["a@example.se", "\x00"]}).status_code == 400
    assert client.get("/assignments", query_string={"q": "\x00"}).status_code == 400
    assert client.get("/privacy-policy/2019-04-15%00").status_code == 400
    assert client.get("/assignments").status_code == 200
