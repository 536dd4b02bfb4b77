"""Swedish numbers validated with python-stdnum (R-CON-6): personnummer, bankgiro, org. number."""
from __future__ import annotations

from datetime import date

import pytest

from portal.services import DomainError
from portal.services.profiles.identity_numbers import (
    birth_date_of, mask_bankgiro, mask_personnummer, normalise_bankgiro, normalise_org_number,
    normalise_personnummer,
)


@pytest.fixture
def app(app):
    """Refusal messages are translated strings: they need a request's locale."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield app


@pytest.mark.parametrize("given, expected", [
    ("811218-9876", "19811218-9876"), ("19811218-9876", "19811218-9876"), ("8112189876", "19811218-9876"),
    ("19811278-9873", "19811278-9873"),  # coordination number: day + 60
])
def test_valid_personnummer(app, given, expected):
    assert normalise_personnummer(given) == expected
    assert birth_date_of(expected) == date(1981, 12, 18)


@pytest.mark.parametrize("given", ["19811218-9875", "19811318-9876", "19810230-1234", "abc", "1981121",
                                   "19811278-9874"])
def test_invalid_personnummer(app, given):
    with pytest.raises(DomainError) as error:
        normalise_personnummer(given)
    assert error.value.field == "personnummer"


@pytest.mark.parametrize("given, expected", [("5050-1055", "5050-1055"), ("50501055", "5050-1055"),
                                             ("902-0033", "902-0033")])
def test_valid_bankgiro(app, given, expected):
    assert normalise_bankgiro(given) == expected


@pytest.mark.parametrize("given", ["5050-1056", "123", "123456789", "5050-105x"])
def test_invalid_bankgiro(app, given):
    with pytest.raises(DomainError):
        normalise_bankgiro(given)


def test_org_number(app):
    assert normalise_org_number("556036-0793") == "5560360793"
    with pytest.raises(DomainError):
        normalise_org_number("556036-0794")


def test_masks():
    assert mask_personnummer("19850312-1234") == "19850312-****"
    assert mask_bankgiro("5050-1055") == "****-55"
    assert mask_personnummer(None) is None
