"""Reads the ZIP archive that LinkedIn's "Get a copy of your data" produces (R-CON-7).

Only Profile, Positions, Education, Skills, Languages and Certifications are read, in memory; nothing
is extracted to disk. The archive is hostile until proven otherwise: its size, its number of members,
each member's declared and actual size, the total read, encryption and member names are all checked,
and any CSV that does not parse makes the whole import fail with a message saying which file.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext, lazy_gettext as _l

from portal.services import DomainError

MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # declared, all members; what is read is at most 6 × MAX_MEMBER_BYTES
MAX_ROWS = 2000
FIELD = "archive"
FILES = {"profile": "Profile.csv", "positions": "Positions.csv", "education": "Education.csv",
         "skills": "Skills.csv", "languages": "Languages.csv", "certifications": "Certifications.csv"}
HEADERS = {"profile": "First Name", "positions": "Company Name", "education": "School Name", "skills": "Name",
           "languages": "Name", "certifications": "Name"}
MONTHS = {name: number for number, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


@dataclass(frozen=True)
class LinkedInProfile:
    first_name: str = ""
    last_name: str = ""
    maiden_name: str = ""
    address: str = ""
    birth_date: date | None = None
    headline: str = ""
    summary: str = ""
    industry: str = ""
    zip_code: str = ""
    geo_location: str = ""
    twitter_handles: str = ""
    websites: str = ""
    instant_messengers: str = ""


@dataclass(frozen=True)
class Position:
    company: str
    title: str
    description: str = ""
    location: str = ""
    started_on: date | None = None
    finished_on: date | None = None


@dataclass(frozen=True)
class Education:
    school: str
    degree: str = ""
    notes: str = ""
    activities: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Language:
    name: str
    proficiency: str = ""


@dataclass(frozen=True)
class Certification:
    name: str
    authority: str = ""
    url: str = ""
    license_number: str = ""
    started_on: date | None = None
    finished_on: date | None = None


@dataclass(frozen=True)
class LinkedInArchive:
    profile: LinkedInProfile = field(default_factory=LinkedInProfile)
    positions: list[Position] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)


def parse_date(value: str | None) -> date | None:
    """LinkedIn's "Mar 2019", "2019", "5 Mar 2019", "Mar 5, 2019" or ISO dates; the first of the month."""
    words = re.findall(r"[a-z]+|\d+", (value or "").lower())
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    if len(years) != 1 or not 1900 <= years[0] <= 2100:
        return None
    month = next((MONTHS[w[:3]] for w in words if w[:3] in MONTHS), None)
    if month is None:  # 2019-03 or 2019-03-05
        numbers = [int(w) for w in words if w.isdigit() and len(w) <= 2]
        month = numbers[0] if numbers and re.match(r"^\s*\d{4}-\d", value or "") else 1
    return date(years[0], month, 1) if 1 <= month <= 12 else None


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or bool(re.match(r"^[a-zA-Z]:", name)) or "\x00" in name


def _open(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_ARCHIVE_BYTES:
        raise DomainError(_l("The archive is larger than %(limit)d MB.", limit=MAX_ARCHIVE_BYTES // 2**20), FIELD)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise DomainError(_l("This is not a ZIP archive. Upload the ZIP file that LinkedIn sent you."), FIELD) from None
    if len(members) > MAX_MEMBERS:
        raise DomainError(_l("The archive holds too many files to be a LinkedIn data archive."), FIELD)
    if any(_unsafe(info.filename) for info in members):
        raise DomainError(_l("The archive contains a file with an unsafe name, so it was not read."), FIELD)
    if any(info.flag_bits & 0x1 for info in members):
        raise DomainError(_l("The archive is password-protected. Upload the archive without a password."), FIELD)
    if sum(info.file_size for info in members) > MAX_TOTAL_BYTES:
        raise DomainError(_l("The archive unpacks to more data than a LinkedIn archive holds, so it was not read."),
                          FIELD)
    return archive


READABLE_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def _too_large(info: zipfile.ZipInfo) -> DomainError:
    return DomainError(gettext("The file %(name)s in the archive is too large.", name=info.filename), FIELD)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The member's bytes, counting what is really decompressed (the declared size was checked before)."""
    too_large = _too_large(info)
    damaged = DomainError(gettext("The file %(name)s in the archive is damaged.", name=info.filename), FIELD)
    if info.compress_type not in READABLE_COMPRESSION:  # zipfile could not unpack it
        raise damaged
    chunks, size = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(64 * 1024):  # declared sizes can lie: count what really comes out
                size += len(chunk)
                if size > MAX_MEMBER_BYTES:
                    raise too_large
                chunks.append(chunk)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise damaged from None
    return b"".join(chunks)


def _rows(name: str, raw: bytes, header: str) -> list[dict[str, str]]:
    """The CSV's rows as dicts, skipping LinkedIn's "Notes:" lines before the header."""
    malformed = DomainError(gettext("The file %(name)s in the archive could not be read as a LinkedIn CSV file.",
                               name=name), FIELD)
    try:
        text = raw.decode("utf-8-sig")
        if "\x00" in text:
            raise malformed
        lines = text.splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines[:50]) if header in next(csv.reader([line]), []))
        reader = csv.DictReader(io.StringIO("".join(lines[start:])), strict=True)
        rows = []
        for row in reader:
            if None in row or len(rows) >= MAX_ROWS:  # more cells than headers, or absurdly many rows
                raise malformed
            rows.append({key.strip(): (value or "").strip() for key, value in row.items()})
    except (UnicodeDecodeError, StopIteration, csv.Error):
        raise malformed from None
    return rows


def read_archive(data: bytes) -> LinkedInArchive:
    """Parse a LinkedIn data archive held in memory; DomainError(field="archive") if it is not one."""
    archive = _open(data)
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        base = info.filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
        if not info.is_dir():
            by_name.setdefault(base, info)
    found = {key: by_name[file.lower()] for key, file in FILES.items() if file.lower() in by_name}
    if not found:
        raise DomainError(_l("The archive holds none of LinkedIn's profile files (Profile.csv, Positions.csv, "
                             "Education.csv, Skills.csv, Languages.csv, Certifications.csv)."), FIELD)
    for info in found.values():
        if info.file_size > MAX_MEMBER_BYTES:
            raise _too_large(info)
    rows = {key: _rows(info.filename, _read_member(archive, info), HEADERS[key]) for key, info in found.items()}
    profile = rows.get("profile", [{}])[0] if rows.get("profile") else {}
    return LinkedInArchive(
        profile=LinkedInProfile(
            first_name=profile.get("First Name", ""), last_name=profile.get("Last Name", ""),
            maiden_name=profile.get("Maiden Name", ""), address=profile.get("Address", ""),
            birth_date=_birth_date(profile.get("Birth Date", "")), headline=profile.get("Headline", ""),
            summary=profile.get("Summary", ""), industry=profile.get("Industry", ""),
            zip_code=profile.get("Zip Code", ""), geo_location=profile.get("Geo Location", ""),
            twitter_handles=profile.get("Twitter Handles", ""), websites=profile.get("Websites", ""),
            instant_messengers=profile.get("Instant Messengers", "")),
        positions=[Position(company=r.get("Company Name", ""), title=r.get("Title", ""),
                            description=r.get("Description", ""), location=r.get("Location", ""),
                            started_on=parse_date(r.get("Started On")), finished_on=parse_date(r.get("Finished On")))
                   for r in rows.get("positions", []) if r.get("Company Name") or r.get("Title")],
        education=[Education(school=r.get("School Name", ""), degree=r.get("Degree Name", ""),
                             notes=r.get("Notes", ""), activities=r.get("Activities", ""),
                             start=parse_date(r.get("Start Date")), end=parse_date(r.get("End Date")))
                   for r in rows.get("education", []) if r.get("School Name")],
        skills=list(dict.fromkeys(r["Name"] for r in rows.get("skills", []) if r.get("Name"))),
        languages=[Language(name=r["Name"], proficiency=r.get("Proficiency", ""))
                   for r in rows.get("languages", []) if r.get("Name")],
        certifications=[Certification(name=r["Name"], authority=r.get("Authority", ""), url=r.get("Url", ""),
                                      license_number=r.get("License Number", ""),
                                      started_on=parse_date(r.get("Started On")),
                                      finished_on=parse_date(r.get("Finished On")))
                        for r in rows.get("certifications", []) if r.get("Name")],
    )


def _birth_date(value: str) -> date | None:
    """The full day when LinkedIn gives one ("Mar 5, 1985", "1985-03-05"); otherwise None."""
    for pattern in (r"^(?P<m>[A-Za-z]{3})[a-z]* (?P<d>\d{1,2}),? (?P<y>\d{4})$",
                    r"^(?P<d>\d{1,2}) (?P<m>[A-Za-z]{3})[a-z]* (?P<y>\d{4})$"):
        if (match := re.match(pattern, value.strip())) and match["m"].lower() in MONTHS:
            try:
                return date(int(match["y"]), MONTHS[match["m"].lower()], int(match["d"]))
            except ValueError:
                return None
    try:
        return date.fromisoformat(value.strip()) if value.strip() else None
    except ValueError:
        return None
