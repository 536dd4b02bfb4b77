"""The erasure receipt: what was deleted and what is kept, as codes and counts (no name, no address),
and the same with its labels for pages, mail and the downloadable file."""
from __future__ import annotations

import json
from datetime import datetime

from portal.models import utcnow
from portal.services.privacy.erasure_plan import CATEGORIES, KEEP_GROUNDS, ErasurePlan


def receipt(done: ErasurePlan, *, files: int, mails: int, at: datetime | None = None) -> dict:
    """What was done, as codes and counts (no name, no address): stored, shown and mailed as is."""
    deleted = [{"category": i.category, "count": i.count} for i in done.deleted]
    return {"at": (at or utcnow()).isoformat(timespec="seconds"), "deleted": deleted,
            "kept": [{"category": i.category, "count": i.count, "ground": i.ground,
                      "until": i.until.isoformat() if i.until else None} for i in done.kept],
            "files_removed": files, "mails_removed": mails}


def receipt_lines(data: dict) -> dict:
    """The receipt with its labels, for pages, mail and the staff answer."""
    return {"at": data["at"],
            "deleted": [(CATEGORIES[i["category"]], i["count"]) for i in data["deleted"]],
            "kept": [(CATEGORIES[i["category"]], i["count"], KEEP_GROUNDS[i["ground"]], i["until"])
                     for i in data["kept"]],
            "files_removed": data["files_removed"], "mails_removed": data["mails_removed"]}


def receipt_text(data: dict, locale: str | None = None) -> str:
    """The receipt as the text of its mail, in `locale` or else in the language of the page asking."""
    from flask import render_template
    from flask_babel import force_locale

    if locale is None:  # the language of the page asking
        return render_template("mail/erasure_receipt.txt", receipt=receipt_lines(data))
    with force_locale(locale):
        return render_template("mail/erasure_receipt.txt", receipt=receipt_lines(data))


def receipt_json(data: dict) -> str:
    """The receipt as a file: the codes with their English labels."""
    from flask_babel import force_locale

    with force_locale("en"):
        lines = receipt_lines(data)
        readable = {"erased_at": data["at"], "request": data.get("request"),
                    "deleted": [{"what": str(label), "count": count} for label, count in lines["deleted"]],
                    "kept": [{"what": str(label), "count": count, "ground": str(ground), "until": until}
                             for label, count, ground, until in lines["kept"]],
                    "files_removed": data["files_removed"], "mails_removed": data["mails_removed"]}
    return json.dumps(readable, ensure_ascii=False, indent=2)
