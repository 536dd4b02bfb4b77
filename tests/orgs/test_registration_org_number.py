"""An organisation number with a wrong checksum is refused with a clear message; nothing is created."""
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Organisation, User


def test_wrong_checksum_is_refused(client, csrf_off):
    response = client.post("/auth/register/organisation", headers={"Accept-Language": "en"}, data={
        "kind": "buyer", "organisation_name": "Felsumma AB", "org_number": "556123-4568", "name": "Fia Fel",
        "job_title": "CEO", "email": "fia@felsumma.se", "password": "a long password 123",
        "confirm": "a long password 123", "accept_terms": "y"})
    assert response.status_code == 422
    assert "not a valid Swedish organisation number" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0
