"""R-CON-7: LinkedIn's data archive is read in memory; hostile or malformed archives are refused."""
from __future__ import annotations

import io
import struct
import zipfile
from datetime import date

import pytest

from portal.services import DomainError
from portal.services.profiles import linkedin_archive
from portal.services.profiles.linkedin_archive import (
    Certification, Education, Language, LinkedInArchive, Position, parse_date, read_archive,
)

PROFILE = ("First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
           "Twitter Handles,Websites,Instant Messengers\n"
           'Åsa,Öberg,,"Storgatan 1, Umeå","Mar 5, 1985",Senior Java Developer,"Builds backends.\nLikes tests.",'
           "IT Services,90330,\"Umeå, Västerbotten, Sweden\",,[PORTFOLIO:https://example.invalid],\n")
POSITIONS = ("Company Name,Title,Description,Location,Started On,Finished On\n"
             'Acme AB,Backend developer,"Java, Spring Boot",Stockholm,Mar 2019,\n'
             "Beta Konsult,Developer,,Umeå,2015,Feb 2019\n")
EDUCATION = ("School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
             "Umeå universitet,2010,2014,,Civilingenjör datateknik,Orientering\n")
SKILLS = "Name\nJava\nPostgreSQL\nJava\nKubernetes\n"
LANGUAGES = "Name,Proficiency\nSwedish,Native or bilingual proficiency\nEnglish,Full professional proficiency\n"
CERTIFICATIONS = ("Name,Url,Authority,Started On,Finished On,License Number\n"
                  "AWS Certified Solutions Architect,https://example.invalid/c/1,Amazon Web Services,Jan 2022,"
                  "Jan 2025,ABC-123\n")
NOTES = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
         'missing."\n\n')


def _zip(members: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(name, body.encode("utf-8") if isinstance(body, str) else body)
    return buffer.getvalue()


def _full(prefix: str = "") -> bytes:
    return _zip({f"{prefix}Profile.csv": PROFILE, f"{prefix}Positions.csv": POSITIONS,
                 f"{prefix}Education.csv": EDUCATION, f"{prefix}Skills.csv": SKILLS,
                 f"{prefix}Languages.csv": LANGUAGES, f"{prefix}Certifications.csv": CERTIFICATIONS,
                 f"{prefix}Connections.csv": NOTES + "First Name,Last Name\nBo,Ek\n"})


def _refusal(data: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        read_archive(data)
    assert caught.value.field == "archive"
    return str(caught.value.message)


@pytest.mark.parametrize("prefix", ["", "Basic_LinkedInDataExport_11-25-2026/"])
def test_reads_every_part(prefix):
    archive = read_archive(_full(prefix))
    assert isinstance(archive, LinkedInArchive)
    profile = archive.profile
    assert (profile.first_name, profile.last_name, profile.headline) == ("Åsa", "Öberg", "Senior Java Developer")
    assert profile.address == "Storgatan 1, Umeå" and profile.summary == "Builds backends.\nLikes tests."
    assert profile.birth_date == date(1985, 3, 5) and profile.geo_location == "Umeå, Västerbotten, Sweden"
    assert archive.positions == [
        Position("Acme AB", "Backend developer", "Java, Spring Boot", "Stockholm", date(2019, 3, 1), None),
        Position("Beta Konsult", "Developer", "", "Umeå", date(2015, 1, 1), date(2019, 2, 1)),
    ]
    assert archive.education == [Education("Umeå universitet", "Civilingenjör datateknik", "", "Orientering",
                                           date(2010, 1, 1), date(2014, 1, 1))]
    assert archive.skills == ["Java", "PostgreSQL", "Kubernetes"]
    assert archive.languages == [Language("Swedish", "Native or bilingual proficiency"),
                                 Language("English", "Full professional proficiency")]
    assert archive.certifications == [Certification("AWS Certified Solutions Architect", "Amazon Web Services",
                                                     "https://example.invalid/c/1", "ABC-123", date(2022, 1, 1),
                                                     date(2025, 1, 1))]


def test_bom_notes_lines_and_missing_files():
    data = _zip({"Skills.csv": "\ufeff" + NOTES + SKILLS, "Positions.csv": "\ufeff" + POSITIONS})
    archive = read_archive(data)
    assert archive.skills == ["Java", "PostgreSQL", "Kubernetes"]
    assert len(archive.positions) == 2
    assert archive.profile.first_name == "" and archive.education == [] and archive.certifications == []


def test_header_only_files_give_empty_lists():
    archive = read_archive(_zip({"Skills.csv": "Name\n", "Languages.csv": "Name,Proficiency\n"}))
    assert archive.skills == [] and archive.languages == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Mar 2019", date(2019, 3, 1)), ("2019", date(2019, 1, 1)), ("5 Mar 2019", date(2019, 3, 1)),
    ("Sep 2021", date(2021, 9, 1)), ("2020-07", date(2020, 7, 1)), ("2020-07-15", date(2020, 7, 1)),
    ("", None), (None, None), ("Present", None), ("Mar", None), ("Foo 2019", date(2019, 1, 1)), ("12345", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_not_a_zip():
    assert "not a ZIP" in _refusal(b"%PDF-1.4 definitely not a zip")
    assert "not a ZIP" in _refusal(b"")


def test_none_of_the_expected_files():
    assert "none of LinkedIn" in _refusal(_zip({"Connections.csv": "First Name\nBo\n", "readme.txt": "hi"}))


def test_archive_too_large(monkeypatch):
    monkeypatch.setattr(linkedin_archive, "MAX_ARCHIVE_BYTES", 1000)
    assert "larger than" in _refusal(_zip({"Skills.csv": SKILLS, "pad.bin": bytes(range(256)) * 10},
                                          compression=zipfile.ZIP_STORED))


def test_too_many_members():
    members = {f"f{i}.txt": "" for i in range(linkedin_archive.MAX_MEMBERS + 1)}
    assert "too many files" in _refusal(_zip({"Skills.csv": SKILLS, **members}))


@pytest.mark.parametrize("name", ["../Skills.csv", "/etc/Skills.csv", "a/../../Skills.csv", "C:/x/Skills.csv",
                                  "..\\..\\Skills.csv"])
def test_path_traversal_names(name):
    data = bytearray(_zip({"Profile.csv": PROFILE, "x" * len(name): SKILLS}))
    # zipfile cleans names when writing, so the hostile name is patched into both headers afterwards.
    data = bytes(data).replace(b"x" * len(name), name.encode())
    assert "unsafe name" in _refusal(data)


def test_encrypted_member():
    data = bytearray(_zip({"Skills.csv": SKILLS}))
    # Set the "encrypted" flag bit in the local header and the central directory entry.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        flags = struct.unpack("<H", data[at:at + 2])[0] | 0x1
        data[at:at + 2] = struct.pack("<H", flags)
    assert "password-protected" in _refusal(bytes(data))


def test_member_declared_too_large():
    big = "Name\n" + "Java\n" * (linkedin_archive.MAX_MEMBER_BYTES // 5 + 10)
    assert "Skills.csv in the archive is too large" in _refusal(_zip({"Skills.csv": big}))


def test_zip_bomb_declared_total():
    bomb = b"\x00" * (linkedin_archive.MAX_TOTAL_BYTES // 4 + 1)
    data = _zip({"Skills.csv": SKILLS, **{f"bomb{i}.bin": bomb for i in range(4)}})
    assert len(data) < 1024 * 1024  # a small upload that would unpack to more than 200 MB
    assert "unpacks to more data" in _refusal(data)


def test_zip_bomb_with_lying_declared_size_stops_reading():
    """The central directory claims 5 bytes; decompressing would give 3 MB. Reading stops early."""
    real = "Name\n" + "Java\n" * 600_000
    data = bytearray(_zip({"Skills.csv": real}))
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", 5)  # uncompressed size in the central directory
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = struct.pack("<I", 5)
    message = _refusal(bytes(data))
    assert "damaged" in message or "too large" in message


def test_reading_stops_past_the_member_limit(monkeypatch):
    """Even when the declared size passes the check, no more than the limit is decompressed."""
    data = _zip({"Skills.csv": "Name\n" + "Java\n" * 10_000})
    archive = linkedin_archive._open(data)
    info = archive.getinfo("Skills.csv")
    info.file_size = 10  # as if the archive lied about its size
    with pytest.raises(DomainError) as caught:
        linkedin_archive._read_member(archive, info)
    assert "damaged" in str(caught.value.message)  # zipfile stops at the declared size; the CRC fails
    info.file_size = 50_005  # declared honestly, but more than the limit below
    monkeypatch.setattr(linkedin_archive, "MAX_MEMBER_BYTES", 20_000)
    with pytest.raises(DomainError) as caught:
        linkedin_archive._read_member(archive, info)
    assert "too large" in str(caught.value.message)  # more than the limit came out: reading stopped


@pytest.mark.parametrize("body", [
    b"\xff\xfe\x00N\x00a\x00m\x00e",  # UTF-16: not what LinkedIn writes
    b"Name\n\"Java\n",  # an unterminated quote
    b"Title,Whatever\nfoo,bar\n",  # no header this file should have
    b"Name\nJava,extra,cells\n",  # more cells than headers
    b"Name\nJa\x00va\n",  # a NUL byte
])
def test_malformed_csv(body):
    assert "Skills.csv in the archive could not be read" in _refusal(_zip({"Skills.csv": body}))


def test_the_archive_is_never_extracted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    read_archive(_full())
    assert list(tmp_path.iterdir()) == []
