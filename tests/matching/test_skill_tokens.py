"""Skill tokens mean what developers write (R-MATCH-1): "C#", ".NET", "Objective-C" and "Go" as skills, in
Swedish and English, and never "net revenue", "object", "ready to go live", "R&D" or "vitamin C".

The table: text, whether it is a skill context (a skills list or a requirement), the skill tokens expected
(in order) and the tokens that must not appear.
"""
from __future__ import annotations

import pytest

from portal.services.matching import skill_tokens, skills
from portal.services.matching.index_terms import ANALYZERS

FREE, SKILLS = False, True

CASES = [
    # text, context, expected tokens, absent tokens
    ("Senior C# developer", FREE, ["c#"], ["c"]),
    ("C#-utvecklare sökes till Göteborg", FREE, ["c#"], ["c"]),
    ("Vi söker en C++-utvecklare med erfarenhet av inbyggda system", FREE, ["c++", "inbyggda system"], ["c"]),
    ("C/C++", SKILLS, ["c", "c++"], []),
    ("C/C++ för inbyggda system", FREE, ["c", "c++", "inbyggda system"], []),
    ("Erfarenhet av C och C++", FREE, ["c", "c++"], []),
    ("vitamin C and iron", FREE, [], ["c"]),
    ("C-level executives", FREE, [], ["c"]),
    ("F# and Haskell for the pricing engine", FREE, ["f#", "haskell"], []),
    ("Net revenue grew by ten percent", FREE, [], [".net"]),
    ("Ansvarig för net revenue och budget", FREE, [], [".net"]),
    (".NET-miljö med Azure", FREE, [".net", "azure"], []),
    ("Utveckling i .NET och C#", FREE, [".net", "c#"], []),
    ("ASP.NET Core", SKILLS, ["asp.net core"], ["asp.net", ".net"]),
    ("Built APIs in ASP.NET Core and React", FREE, ["asp.net core", "react"], [".net"]),
    ("ASP.NET MVC", FREE, ["asp.net"], [".net"]),
    ("www.net.se is our domain", FREE, [], [".net"]),
    ("Objective-C", SKILLS, ["objective-c"], ["c"]),
    ("iOS apps in Objective-C and Swift", FREE, ["objective-c", "swift"], ["c"]),
    ("Objective C för äldre iOS-appar", FREE, ["objective-c"], ["c"]),
    ("Node.js and TypeScript", FREE, ["node.js", "typescript"], []),
    ("Backend i NodeJS", FREE, ["node.js"], []),
    ("a node in the cluster", FREE, [], ["node"]),
    ("Go", SKILLS, ["go"], []),
    ("programming in Go", FREE, ["go"], []),
    ("Go developer wanted", FREE, ["go"], []),
    ("Vi skriver Go-kod varje dag", FREE, ["go"], []),
    ("Java, Go och Rust", FREE, ["java", "go", "rust"], []),
    ("ready to go live in March", FREE, [], ["go"]),
    ("Go live is planned for May", FREE, [], ["go"]),
    ("Efter go-live tar förvaltningen över", FREE, [], ["go"]),
    ("We go to the client every week", FREE, [], ["go"]),
    ("R", SKILLS, ["r"], []),
    ("Statistik i R och Python", FREE, ["r", "python"], []),
    ("Python, R and SQL", FREE, ["python", "r", "sql"], []),
    ("Erfarenhet av R", FREE, ["r"], []),
    ("R-utvecklare inom life science", FREE, ["r"], []),
    ("Head of R&D", FREE, [], ["r"]),
    ("Ledde R&D-avdelningen", FREE, [], ["r"]),
    ("Javautvecklare sökes", FREE, ["java"], []),
    ("Pythonkod för dataanalys", FREE, ["python"], []),
    ("Java/Kotlin", SKILLS, ["java", "kotlin"], []),
    ("React eller Vue", SKILLS, ["react", "vue"], []),
    ("React or Vue", SKILLS, ["react", "vue"], []),
    ("Spring Boot och Java", FREE, ["spring boot", "java"], []),
    ("spring 2026", FREE, [], ["spring"]),
    ("Kubernetes-plattformar och Terraform", FREE, ["kubernetes", "terraform"], []),
    ("CI/CD pipelines", FREE, ["ci/cd"], ["ci"]),
    ("REST API design", FREE, ["rest"], []),
    ("the rest of the team", FREE, [], ["rest"]),
    ("PostgreSQL och Postgres", FREE, ["postgresql", "postgres"], []),
    ("k8s, Docker och Helm", FREE, ["k8s", "docker", "helm"], []),
    ("VB.NET", SKILLS, ["vb.net"], [".net"]),
]


@pytest.fixture(scope="module")
def vocabulary():
    return skill_tokens.build()


@pytest.mark.parametrize("text, context, expected, absent", CASES, ids=[c[0] for c in CASES])
def test_skill_tokens(vocabulary, text, context, expected, absent):
    found = [t.text for t in skill_tokens.find(text, vocabulary, skill_context=context)]
    assert found == expected
    assert not set(absent) & set(found)


def test_the_table_has_forty_cases_in_both_languages():
    assert len(CASES) >= 40


@pytest.mark.parametrize("text, absent_stem", [("Objective-C", "object"), ("Built .NET services", "net"),
                                                ("Go developer", "go"), ("C# och C++", "c")])
def test_a_skill_with_punctuation_or_a_context_is_not_also_an_ordinary_word(vocabulary, text, absent_stem):
    _, rest = skill_tokens.split(text, vocabulary)
    stems = {t.text for lang in ANALYZERS.values() for t in lang(rest)}
    assert absent_stem not in stems


def test_ordinary_words_keep_their_stems(vocabulary):
    named, rest = skill_tokens.split("Net revenue, ready to go live; objects", vocabulary)
    assert named == [] and rest == "Net revenue, ready to go live; objects"
    named, rest = skill_tokens.split("Kubernetes and Java", vocabulary)
    assert [t.text for t in named] == ["kubernetes", "java"] and rest == "Kubernetes and Java"  # plain names stay words


def test_synonyms_mean_their_canonical_skill(vocabulary):
    by_text = {t.text: t for t in skill_tokens.find("ASP.NET Core, Go, Vue och k8s", vocabulary,
                                                    skill_context=True)}
    assert by_text["asp.net core"].canonical == ".NET"
    assert vocabulary.table.canonical_id("ASP.NET Core") == vocabulary.table.canonical_id("ASP.NET")
    assert by_text["go"].canonical == "Golang" and by_text["vue"].canonical == "Vue.js"
    assert by_text["k8s"].canonical == "Kubernetes"


def test_a_synonym_staff_add_is_a_token_at_once(app):
    from portal.services.actors import SYSTEM

    skills.seed_defaults()
    assert [t.text for t in skill_tokens.find("Erfarenhet av Kubernetes-as-a-service", skill_tokens.load())] == []
    skills.add(SYSTEM, "Kubernetes-as-a-service", "Kubernetes")
    found = skill_tokens.find("Erfarenhet av Kubernetes-as-a-service", skill_tokens.load())
    assert [(t.text, t.canonical) for t in found] == [("kubernetes-as-a-service", "Kubernetes")]


def test_a_skill_a_profile_names_is_in_the_vocabulary(app):
    skills.resolve("Elm-lang")
    assert [t.text for t in skill_tokens.find("Frontend i Elm-lang", skill_tokens.load())] == ["elm-lang"]
