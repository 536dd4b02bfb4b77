"""Reads the ZIP archive of LinkedIn's "Get a copy of your data" (R-CON-7).

Minimal local version of the agreed interface; the full reader replaces this module at merge.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from portal.services import DomainError

MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
WANTED = ("Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Languages.csv", "Certifications.csv")


@dataclass
class Profile:
    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    summary: str = ""
    industry: str = ""
    geo_location: str = ""


@dataclass
class Position:
    company: str
    title: str
    description: str
    location: str
    started_on: date | None
    finished_on: date | None


@dataclass
class Education:
    school: str
    degree: str
    start: date | None
    end: date | None
    notes: str


@dataclass
class Language:
    name: str
    proficiency: str


@dataclass
class Certification:
    name: str
    authority: str
    url: str
    started_on: date | None
    finished_on: date | None


@dataclass
class LinkedInArchive:
    profile: Profile = field(default_factory=Profile)
    positions: list[Position] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)
    certifications: list[Certification] = field(default_factory=list)


def _refuse() -> DomainError:
    return DomainError(_l("This is not a LinkedIn data archive we can read. Upload the ZIP file exactly as "
                          "LinkedIn sent it."), field="archive")


def _date(value: str) -> date | None:
    value = (value or "").strip()
    for fmt in ("%b %Y", "%Y-%m-%d", "%Y-%m", "%Y", "%d %b %Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _rows(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], wanted: str) -> list[dict]:
    info = names.get(wanted.lower())
    if info is None:
        return []
    with archive.open(info) as handle:
        data = handle.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise _refuse()
    text = data.decode("utf-8-sig", errors="replace")
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(io.StringIO(text))]


def read_archive(data: bytes) -> LinkedInArchive:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse() from None
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        raise _refuse()
    names = {i.filename.rsplit("/", 1)[-1].lower(): i for i in infos
             if not i.is_dir() and ".." not in i.filename and not i.filename.startswith("/")}
    if not any(w.lower() in names for w in WANTED):
        raise _refuse()
    try:
        result = LinkedInArchive()
        for row in _rows(archive, names, "Profile.csv")[:1]:
            result.profile = Profile(row.get("First Name", ""), row.get("Last Name", ""), row.get("Headline", ""),
                                     row.get("Summary", ""), row.get("Industry", ""), row.get("Geo Location", ""))
        result.positions = [Position(r.get("Company Name", ""), r.get("Title", ""), r.get("Description", ""),
                                     r.get("Location", ""), _date(r.get("Started On", "")),
                                     _date(r.get("Finished On", "")))
                            for r in _rows(archive, names, "Positions.csv")]
        result.education = [Education(r.get("School Name", ""), r.get("Degree Name", ""),
                                       _date(r.get("Start Date", "")), _date(r.get("End Date", "")),
                                       r.get("Notes", ""))
                            for r in _rows(archive, names, "Education.csv")]
        result.skills = [r["Name"] for r in _rows(archive, names, "Skills.csv") if r.get("Name")]
        result.languages = [Language(r.get("Name", ""), r.get("Proficiency", ""))
                            for r in _rows(archive, names, "Languages.csv") if r.get("Name")]
        result.certifications = [Certification(r.get("Name", ""), r.get("Authority", ""), r.get("Url", ""),
                                               _date(r.get("Started On", "")), _date(r.get("Finished On", "")))
                                 for r in _rows(archive, names, "Certifications.csv") if r.get("Name")]
    except (zipfile.BadZipFile, RuntimeError, OSError, csv.Error, EOFError, NotImplementedError):
        raise _refuse() from None
    return result
