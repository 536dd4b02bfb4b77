"""The right to data portability (Art. 20, R-RIGHTS-6): the data the person *gave us*, machine-readable.

Only what the person entered or chose: account fields, the profile they wrote, skills, languages,
history, education, certificates, interests, industries, exclusions, references and the statements
they typed, the offer answers they accepted, cookie choices, marketing preferences, the text of their
own requests and messages, their uploaded files, and their applications, saved searches, tender
namings and hours per day (portability_work). Never our inferences or others' words about
them: no audit log, ratings, match scores, staff notes or pseudonyms. Which of our tables count as
provided is declared in the inventory (portal/services/privacy/inventory.py, `export`).

TABLES is the single description of the exported columns: it picks the rows and columns, and `schema()` turns it into the
JSON Schema (draft 2020-12) committed as portal/schemas/portability.schema.json and served at
/privacy/schemas/portability.json (a test keeps the file and TABLES equal). `build` gives the JSON,
`zip_bytes` the ZIP: portability.json, the schema, one CSV per table and the files under files/.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from portal.models import Attachment, ConsultantProfile, User
from portal.services.privacy import inventory, personal_data, portability_work
from portal.services.actors import Actor

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
FORMAT = "customersonly-portability"
VERSION = 3  # 2: references, reference statements, offer answers, acceptances and more marketing topics;
# 3: applications and their answers, saved searches, tender namings, hours per day (issue 16)

# kind → JSON Schema fragment
_KINDS = {"string": {"type": "string"}, "text": {"type": "string"}, "integer": {"type": "integer"},
          "boolean": {"type": "boolean"}, "date": {"type": "string", "format": "date"},
          "datetime": {"type": "string", "format": "date-time"},
          "decimal": {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}}


def _own_messages(user: User, _data: dict):
    return lambda row: not row.get("from_staff") and row.get("author_id") == user.id


def _own_requests(user: User, _data: dict):
    return lambda row: row.get("user_id") == user.id


def _own_statements(user: User, data: dict):
    """Statements the person typed on their own references (a recruiter's notes are not theirs to port)."""
    references = {r["id"] for r in data.get("profile_references", [])}
    return lambda row: row.get("recorded_by_id") == user.id and row.get("reference_id") in references


# table → (description, {column: (kind, nullable, description)}, optional row filter factory)
TABLES: dict[str, tuple[str, dict[str, tuple[str, bool, str]], object]] = {
    "account": ("Your account as you registered and edited it.", {
        "name": ("string", False, "Your name."),
        "email": ("string", False, "The e-mail address you sign in with."),
        "job_title": ("string", True, "Your job title, if you gave one."),
        "phone": ("string", True, "Your phone number, if you gave one."),
        "locale": ("string", True, "The language you chose for the portal (sv or en)."),
        "created_at": ("datetime", False, "When you created the account (UTC)."),
    }, None),
    "profile": ("The consultant profile you filled in (one row, or none if you are not a consultant).", {
        "title": ("string", True, "Your professional title."),
        "summary": ("text", True, "Your presentation of yourself."),
        "card_pitch": ("text", True, "The anonymous pitch you wrote for client cards."),
        "street": ("string", True, "Street address."),
        "postal_code": ("string", True, "Postal code."),
        "city": ("string", True, "City."),
        "country": ("string", True, "Country, ISO 3166-1 alpha-2 code."),
        "personnummer": ("string", True, "Swedish personal identity number (YYYYMMDD-NNNN)."),
        "national_id": ("string", True, "A foreign national identity number."),
        "national_id_country": ("string", True, "The country that issued national_id (ISO 3166-1 alpha-2)."),
        "date_of_birth": ("date", True, "Date of birth."),
        "gender": ("string", True, "Gender as you stated it."),
        "citizenship": ("string", True, "Citizenship (ISO 3166-1 alpha-2)."),
        "work_permit": ("string", True, "Your work permit situation."),
        "work_permit_expires": ("date", True, "When the work permit expires."),
        "bankgiro": ("string", True, "Bankgiro number for payments."),
        "f_tax": ("string", True, "Swedish F-tax status (F-skatt)."),
        "company_name": ("string", True, "The name of your own company."),
        "company_org_number": ("string", True, "Your company's organisation number."),
        "available_from": ("date", True, "The date you are available from."),
        "extent": ("integer", True, "How much you want to work, in percent of full time."),
        "remote": ("string", True, "Remote work preference: onsite, hybrid or remote."),
        "region": ("string", True, "The region you want to work in."),
        "hourly_rate": ("decimal", True, "Your hourly rate in SEK, as a decimal string."),
        "pending_email": ("string", True, "A new e-mail address you asked for, waiting for your confirmation."),
    }, None),
    "skills": ("The skills you listed.", {
        "skill": ("string", False, "The skill's name."),
        "level": ("integer", False, "Your own rating of the skill, 1 (basic) to 5 (expert)."),
        "years": ("integer", False, "Years of experience with the skill."),
    }, None),
    "languages": ("The languages you speak.", {
        "name": ("string", False, "The language."),
        "level": ("string", False, "Your level on the CEFR scale (A1–C2)."),
    }, None),
    "interests": ("What you said you are interested in.", {
        "text": ("string", False, "An interest, in your words."),
    }, None),
    "industries": ("The industries you have worked in.", {
        "name": ("string", False, "The industry."),
    }, None),
    "employment": ("Your work history.", {
        "employer": ("string", False, "The employer or client."),
        "title": ("string", False, "Your role."),
        "start": ("date", True, "First day."),
        "end": ("date", True, "Last day; empty while it lasts."),
        "description": ("text", True, "What you did."),
    }, None),
    "education": ("Your education.", {
        "school": ("string", False, "The school or university."),
        "degree": ("string", True, "The degree or programme."),
        "start": ("date", True, "First day."),
        "end": ("date", True, "Last day."),
    }, None),
    "certificates": ("Your certificates.", {
        "name": ("string", False, "The certificate."),
        "issuer": ("string", True, "Who issued it."),
        "year": ("integer", True, "The year it was issued."),
    }, None),
    "excluded_organisations": ("Organisations you asked us never to present you to.", {
        "name": ("string", False, "The organisation's name."),
    }, None),
    "references": ("The references you gave.", {
        "id": ("integer", False, "The reference's number; reference_statements.reference_id refers to it."),
        "referee_name": ("string", False, "The referee's name."),
        "role": ("string", True, "The referee's role."),
        "company": ("string", True, "The referee's company."),
        "contact": ("string", True, "How to reach the referee."),
        "relation": ("string", True, "How you worked with the referee."),
        "created_at": ("datetime", False, "When you added it (UTC)."),
    }, None),
    "reference_statements": ("What your referees said, as you wrote it down (our recruiters' notes are not included).", {
        "reference_id": ("integer", False, "The reference the statement belongs to."),
        "author": ("string", True, "Who said it."),
        "text": ("text", False, "The statement."),
        "created_at": ("datetime", False, "When it was written down (UTC)."),
    }, _own_statements),
    "offer_answers": ("What a supplier answered about you, per requirement, in offers you accepted or were asked to.", {
        "offer_id": ("integer", False, "The offer's number."),
        "requirement": ("string", False, "The requirement of the assignment."),
        "meets": ("boolean", True, "For a must requirement: whether you meet it."),
        "level": ("integer", True, "For a should requirement: the level 0–5."),
        "evidence": ("text", False, "The evidence given."),
    }, None),
    "attachments": ("Files you uploaded; the files themselves are in the ZIP under files/.", {
        "kind": ("string", False, "What the file is: cv, certificate, reference_letter or other."),
        "filename": ("string", False, "The file name you uploaded."),
        "content_type": ("string", False, "The file's media type."),
        "size": ("integer", False, "Size in bytes."),
        "uploaded_at": ("datetime", False, "When you uploaded it (UTC)."),
        "file": ("string", False, "Path of the file inside the ZIP."),
    }, None),
    "cookie_choices": ("Every cookie choice you made while signed in.", {
        "at": ("datetime", False, "When you made the choice (UTC)."),
        "method": ("string", False, "How: the banner, the settings page or a withdrawal."),
        "language": ("string", False, "The language the banner was shown in."),
        "preferences": ("boolean", False, "Whether you allowed preference cookies."),
        "statistics": ("boolean", False, "Whether you allowed statistics cookies."),
        "marketing": ("boolean", False, "Whether you allowed marketing cookies."),
    }, None),
    "marketing_preferences": ("What you chose to receive from us.", {
        "newsletters": ("boolean", False, "Whether you want our newsletters."),
        "events": ("boolean", False, "Whether you want invitations to events."),
        "offers": ("boolean", False, "Whether you want our offers."),
        "surveys": ("boolean", False, "Whether you want our surveys."),
        "updated_at": ("datetime", False, "When you last changed it (UTC)."),
    }, None),
    "acceptances": ("Which version of our privacy policy and agreement you accepted, and when.", {
        "document": ("string", False, "Which document."),
        "version": ("integer", False, "Its version."),
        "published": ("date", False, "When that version was published."),
        "way": ("string", False, "How you accepted it, e.g. when you registered."),
        "accepted_at": ("datetime", False, "When you accepted it (UTC)."),
    }, None),
    "marketing_objections": ("Your objection to marketing (Art. 21(3)).", {
        "objected_at": ("datetime", False, "When you objected (UTC)."),
    }, None),
    "consent_answers": ("Your answers when we asked whether we may present you to a client.", {
        "kind": ("string", False, "What we asked."),
        "asked_at": ("datetime", False, "When we asked (UTC)."),
        "answer": ("boolean", True, "Your answer: true yes, false no, empty if you did not answer."),
        "answered_at": ("datetime", True, "When you answered (UTC)."),
    }, None),
    "privacy_requests": ("The requests you made under your data protection rights.", {
        "id": ("integer", False, "The request's number; privacy_messages.request_id refers to it."),
        "kind": ("string", False, "Which right: access, portability, rectification, erasure, ..."),
        "details": ("text", False, "What you wrote."),
        "purpose": ("string", True, "For an objection: the purpose you objected to."),
        "received_at": ("datetime", False, "When we received it (UTC)."),
    }, _own_requests),
    "privacy_messages": ("Messages you wrote in your privacy requests (ours to you are not included).", {
        "request_id": ("integer", False, "The request the message belongs to."),
        "body": ("text", False, "What you wrote."),
        "created_at": ("datetime", False, "When (UTC)."),
    }, _own_messages),
    "service_requests": ("Questions you asked our service desk.", {
        "id": ("integer", False, "The request's number; service_messages.request_id refers to it."),
        "subject": ("string", False, "The subject you wrote."),
        "created_at": ("datetime", False, "When (UTC)."),
    }, _own_requests),
    "service_messages": ("Messages you wrote to our service desk.", {
        "request_id": ("integer", False, "The service request the message belongs to."),
        "body": ("text", False, "What you wrote."),
        "created_at": ("datetime", False, "When (UTC)."),
    }, _own_messages),
    "assignment_comments": ("Comments you wrote on assignments.", {
        "assignment_id": ("integer", False, "The assignment's number."),
        "body": ("text", False, "What you wrote."),
        "created_at": ("datetime", False, "When (UTC)."),
    }, None),
    **portability_work.TABLES,
}
# Our tables (personal_data.collect keys) behind each exported table: declared in the inventory.
SOURCES = inventory.portability_sources()


def _file_path(row: dict) -> str:
    return f"files/{row['id']}-{row['filename']}"


def _utc(value: str | None) -> str | None:
    """Our times are stored as naive UTC; RFC 3339 (JSON Schema's date-time) wants the offset said."""
    if value is None or value.endswith("Z") or "+" in value[10:]:
        return value
    return value + "Z"


def build(user: User, *, now: datetime | None = None) -> dict:
    """The portability document: the data the person gave, one list of rows per table."""
    data = personal_data.collect(user)
    tables = {}
    for name, (_description, fields, keep) in TABLES.items():
        rows = data.get(SOURCES[name], [])
        if keep is not None:
            rows = [r for r in rows if keep(user, data)(r)]
        if name == "attachments":
            rows = [{**r, "file": _file_path(r)} for r in rows]
        tables[name] = [{column: _utc(r.get(column)) if fields[column][0] == "datetime" else r.get(column)
                         for column in fields} for r in rows]
    return {"format": FORMAT, "version": VERSION, "controller": current_app.config["CONTROLLER"]["name"],
            "generated_at": (now or datetime.now(timezone.utc)).isoformat(),
            "schema": "portability.schema.json", "tables": tables}


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _csv(rows: list[dict], fields) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else v for k, v in r.items()})
    return out.getvalue()


def schema_text(name: str) -> str:
    return (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")


def zip_bytes(user: User, *, now: datetime | None = None) -> bytes:
    """portability.json, its schema, README.txt, csv/<table>.csv and files/<id>-<name>."""
    from portal.services.profiles import attachments

    document = build(user, now=now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("portability.json", dumps(document))
        archive.writestr("portability.schema.json", schema_text("portability"))
        archive.writestr("README.txt", README)
        for name, (_description, fields, _keep) in TABLES.items():
            archive.writestr(f"csv/{name}.csv", _csv(document["tables"][name], fields))
        for attachment in _attachments(user):
            try:
                data = attachments.read(Actor(user=user), attachment)  # the person's own read: not audited
            except OSError:  # a file lost from storage: its metadata still says it existed
                continue
            archive.writestr(_file_path({"id": attachment.id, "filename": attachment.filename}), data)
    return buffer.getvalue()


def _attachments(user: User) -> list[Attachment]:
    return list(db.session.scalars(sa.select(Attachment).join(ConsultantProfile)
                                   .where(ConsultantProfile.user_id == user.id).order_by(Attachment.id)))


README = """Your data from Customersonly AB (data portability, GDPR Art. 20)

portability.json         everything you gave us, one list of rows per table
portability.schema.json  JSON Schema (draft 2020-12) describing every table and field
csv/<table>.csv          the same tables as CSV (UTF-8, comma-separated, header row)
files/                   the files you uploaded

Our own conclusions about you (audit log, ratings, match scores, notes) are not data you gave us and
are not included here; you get them with a register extract (Art. 15) in the privacy centre.
"""


def filename(user: User, when: datetime | None = None) -> str:
    return f"my-data-portable-{user.id}-{(when or datetime.now(timezone.utc)).date().isoformat()}.zip"


def schema() -> dict:
    """The JSON Schema for `build`'s document, generated from TABLES."""
    def field(kind: str, nullable: bool, description: str) -> dict:
        spec = dict(_KINDS[kind])
        if nullable:
            spec["type"] = [spec["type"], "null"]
        return {**spec, "description": description}

    tables = {name: {"type": "array", "description": description,
                     "items": {"type": "object", "additionalProperties": False, "required": list(fields),
                               "properties": {c: field(*spec) for c, spec in fields.items()}}}
              for name, (description, fields, _keep) in TABLES.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "/privacy/schemas/portability.json",
        "title": "Customersonly AB: data you gave us (data portability, GDPR Art. 20)",
        "description": "The personal data a person provided to Customersonly AB, as one document. "
                       "Dates are ISO 8601 (YYYY-MM-DD); times are RFC 3339 in UTC (ending in Z). The same tables are in the ZIP as CSV.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "controller", "generated_at", "schema", "tables"],
        "properties": {
            "format": {"const": FORMAT, "description": "Identifies this document's format."},
            "version": {"const": VERSION, "description": "The format's version; a new version changes fields."},
            "controller": {"type": "string", "description": "The controller that made the export."},
            "generated_at": {"type": "string", "format": "date-time", "description": "When the export was made."},
            "schema": {"type": "string", "description": "File name of this schema inside the ZIP."},
            "tables": {"type": "object", "additionalProperties": False, "required": list(TABLES),
                       "description": "One list of rows per kind of data.", "properties": tables},
        },
    }


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
