"""The skill synonym table: staff teach matching that "k8s" means Kubernetes."""
from __future__ import annotations

from flask import abort, flash, url_for
from flask_babel import gettext as _

from portal.extensions import db
from portal.forms import EmptyForm, apply_domain_error
from portal.htmx import hx_redirect, render
from portal.request_actor import current_actor
from portal.security import allow, staff
from portal.services import DomainError
from portal.services.matching import skills
from portal.staff.forms import SkillSynonymForm
from portal.staff.views import bp

SKILLS = staff("admin", "recruiter")


def _page(form: SkillSynonymForm, status: int = 200):
    return render("staff/skills.html", status=status, form=form, synonyms=skills.synonyms(),
                  delete_form=EmptyForm())


@bp.route("/skills")
@allow(SKILLS)
def skills_page():
    return _page(SkillSynonymForm(formdata=None))


@bp.route("/skills", methods=["POST"])
@allow(SKILLS)
def add_skill_synonym():
    form = SkillSynonymForm()
    if form.validate_on_submit():
        try:
            skills.add(current_actor(), form.alias.data, form.canonical.data)
        except DomainError as error:
            db.session.rollback()
            apply_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The synonym is saved; matching uses it at once."), "success")
            return hx_redirect(url_for("staff.skills_page"))
    return _page(form, 422)


@bp.route("/skills/<int:synonym_id>/delete", methods=["POST"])
@allow(SKILLS)
def delete_skill_synonym(synonym_id: int):
    try:
        skills.delete(current_actor(), synonym_id)
    except DomainError:
        db.session.rollback()
        abort(404)
    db.session.commit()
    flash(_("The synonym is removed."), "success")
    return hx_redirect(url_for("staff.skills_page"))
