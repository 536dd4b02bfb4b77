"""R-CON-8: the sensitive-data guard knows each special category as a class, not as a list of the
sentences it was tuned on. These sentences are in none of the labelled sets in tests/data/; each
stands for a class of words or a phrase rule (see sensitive/terms_* and sensitive/patterns)."""
from __future__ import annotations

import pytest

from portal.services.profiles.sensitive_data import find


@pytest.mark.parametrize("text, kind", [
    # health: named conditions, medicines, care, implants, senses, sobriety, sick leave, "MS" in a health phrase
    ("Jag har MS sedan 2015 och behöver flexibla arbetstider.", "health"),
    ("Fick min MS-diagnos 2019.", "health"),
    ("Har fibromyalgi och jobbar deltid.", "health"),
    ("Living with endometriosis, which sometimes means a day off.", "health"),
    ("Äter escitalopram mot min ångest.", "health"),
    ("On levothyroxine for hypothyroidism since 2010.", "health"),
    ("Hade en höftprotesoperation i maj.", "health"),
    ("Recovering from hip replacement surgery.", "health"),
    ("I had preeclampsia during my second pregnancy.", "health"),
    ("Jag tappade hörseln på vänster öra efter en infektion.", "health"),
    ("I'm two years sober and attend AA meetings weekly.", "health"),
    ("Was on medical leave for three months in 2023.", "health"),
    ("Fil: lakarintyg_anna_2024.pdf", "health"),
    ("Allergisk mot nötter och gluten.", "health"),
    ("Gick in i väggen 2019.", "health"),
    # ethnic origin: nationality with a word of origin, mixed heritage, colour as identity, a family's flight
    ("Jag är av somaliskt ursprung.", "ethnic_origin"),
    ("I'm of Iranian descent.", "ethnic_origin"),
    ("Half Swedish, half Chilean.", "ethnic_origin"),
    ("My parents fled from Syria in 2012.", "ethnic_origin"),
    ("Jag är född i Sverige av chilenska föräldrar som flydde från Pinochet.", "ethnic_origin"),
    ("Jag kom till Sverige som flykting 1993.", "ethnic_origin"),
    ("My background is Eritrean.", "ethnic_origin"),
    # political opinion: parties and nicknames, wings, party work, movements, personal headings
    ("Har knackat dörr för Moderaterna.", "political_opinion"),
    ("Kassör i SSU-klubben i Lund.", "political_opinion"),
    ("Member of the Labour Party since 2015.", "political_opinion"),
    ("Sat on the municipal council for the Centre Party 2014–2018.", "political_opinion"),
    ("Interests: Greenpeace activism, running", "political_opinion"),
    # religion: congregations and practices
    ("Jag är medlem i Equmeniakyrkan.", "religion"),
    ("Går i moskén varje fredag för fredagsbönen.", "religion"),
    ("I celebrate Eid with my family and take those days off.", "religion"),
    # trade union: names, abbreviations, English names, roles
    ("Jag är med i Akavia.", "trade_union"),
    ("Skyddsombud för Byggnads på bygget.", "trade_union"),
    ("Jag är organiserad i Vision.", "trade_union"),
    ("Facklig representant för Sveriges Ingenjörer på Ericsson.", "trade_union"),
    # genetic: named hereditary conditions
    ("I have Factor V Leiden.", "genetic"),
    ("Jag har familjär hyperkolesterolemi.", "genetic"),
    # biometric: the person's own templates and files
    ("rostavtryck_olle_berg.wav", "biometric"),
    ("face_vector_erik_lund.npy", "biometric"),
    # sexual orientation: identity words and a same-sex spouse with the writer's own stated gender
    ("Jag lever i ett polyamoröst förhållande.", "sexual_orientation"),
    ("Married to my husband Tom; I'm a man too.", "sexual_orientation"),
    ("Jag är gift med en kvinna och är själv kvinna.", "sexual_orientation"),
])
def test_each_class_is_refused(text, kind):
    finding = find(text)
    assert finding is not None and finding.kind == kind, text


@pytest.mark.parametrize("text", [
    "Har MS Office-certifiering och djup erfarenhet av MS SQL Server.",
    "Jag har MS-kunskaper (Word, Excel).",
    "Built an MS patient registry for a hospital.",
    "Designed a lithium battery management system.",
    "Pharmacovigilance analysis of lithium and valproate safety signals.",
    "Har erfarenhet av behandling av känsliga personuppgifter enligt artikel 9.",
    "Implemented a gradient descent optimiser in Rust.",
    "Jag har en bakgrund som utvecklare inom fintech.",
    "Jag har finsk-svensk bakgrund inom pappersindustrin.",
    "Half Swedish team, half Indian team: coordinated across time zones.",
    "Translated the app into Tigrinya, Amharic and Somali.",
    "Modersmål: persiska.",
    "Min fru och jag flyttade till Umeå 2020; jag är man och pappa till tre.",
    "Married to a man who also works in IT.",
    "Implemented allergen labelling (nuts, gluten, lactose) for a food retailer's web shop.",
    "UX testing with people in a wheelchair for a train operator.",
    "Developed palm vein scanners firmware for access control.",
    "Face vector search for a photo archive.",
    "Bioinformatics pipelines for calling heterozygous variants in tumour samples.",
    "Förhandlade kollektivavtal på arbetsgivarsidan mot Handels och Kommunal.",
    "Konsult åt Unionen: byggde om medlemsportalen.",
    "IT-konsult åt Socialdemokraterna under valrörelsen 2022.",
    "Byggde appen för en pingstförsamling i Jönköping.",
    "Implemented the EU Digital Services Act (DSA) reporting flow.",
    "Used dbt and Snowflake to model the data warehouse.",
    "Abort the transaction on failure and retry.",
    "I take pride in clean code.",
    "Jag döpte om alla variabler i kodbasen.",
])
def test_professional_and_everyday_uses_of_the_new_words_pass(text):
    assert find(text) is None, text
