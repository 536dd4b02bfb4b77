"""Builders for profile tests: small files and LinkedIn-shaped archives made by the tests."""
from __future__ import annotations

import csv
import io
import zipfile

from portal.models import ConsultantProfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
VALID_PNR = "19811218-9876"
VALID_BANKGIRO = "5050-1055"


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def linkedin_zip(summary: str = "Backend developer who likes clean data models.") -> bytes:
    files = {
        "Profile.csv": _csv(["First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
                             "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
                             "Instant Messengers"],
                            [["Maja", "Mätare", "", "", "", "Senior backend developer", summary, "IT Services", "",
                              "Stockholm, Sweden", "", "", ""]]),
        "Positions.csv": _csv(["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
                              [["Nordbank AB", "Backend developer", "Built payment APIs.", "Stockholm", "Jan 2019", ""],
                               ["Kodkraft AB", "Developer", "Web shops.", "Malmö", "Mar 2015", "Dec 2018"]]),
        "Education.csv": _csv(["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
                              [["KTH", "2010", "2015", "", "MSc Computer Science", ""]]),
        "Skills.csv": _csv(["Name"], [["Postgres"], ["Python"], ["Kubernetes"]]),
        "Languages.csv": _csv(["Name", "Proficiency"], [["Swedish", "Native or bilingual proficiency"],
                                                          ["English", "Full professional proficiency"]]),
        "Certifications.csv": _csv(["Name", "Url", "Authority", "Started On", "Finished On", "License Number"],
                                   [["CKA", "", "CNCF", "Jun 2022", "", "123"]]),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Profile.csv", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


def profile_of(user) -> ConsultantProfile:
    from portal.services.profiles.sections import profile_for

    return profile_for(user)


def multipart(fields: dict) -> dict:
    """Keyword arguments for client.post with a multipart body built in memory (the test client would
    spool a large body to a temporary file that it never closes)."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    values = {k: FileStorage(io.BytesIO(v[0]), filename=v[1]) if isinstance(v, tuple) else v
              for k, v in fields.items()}
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}
