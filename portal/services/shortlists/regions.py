"""Sweden's 21 counties (län) and the county of its common towns: a buyer sees a region, never a city.

`county_of("Solna")` → "Stockholms län"; `county_of("Skåne")` → "Skåne län"; anything unknown → None.
Towns are listed space-separated, an underscore standing for a space inside a name. Names are matched without regard to case, surrounding spaces or a trailing "kommun"/"stad".
"""
from __future__ import annotations

COUNTIES = (
    "Stockholms län", "Uppsala län", "Södermanlands län", "Östergötlands län", "Jönköpings län",
    "Kronobergs län", "Kalmar län", "Gotlands län", "Blekinge län", "Skåne län", "Hallands län",
    "Västra Götalands län", "Värmlands län", "Örebro län", "Västmanlands län", "Dalarnas län",
    "Gävleborgs län", "Västernorrlands län", "Jämtlands län", "Västerbottens län", "Norrbottens län",
)

# Short and English forms of the counties themselves ("Skåne", "Region Stockholm", "Västra Götaland").
_COUNTY_ALIASES = {
    "stockholm county": "Stockholms län", "region stockholm": "Stockholms län",
    "uppsala county": "Uppsala län", "sörmland": "Södermanlands län", "södermanland": "Södermanlands län",
    "östergötland": "Östergötlands län", "kronoberg": "Kronobergs län", "gotland": "Gotlands län",
    "blekinge": "Blekinge län", "skåne": "Skåne län", "scania": "Skåne län", "halland": "Hallands län",
    "västra götaland": "Västra Götalands län", "region västra götaland": "Västra Götalands län",
    "värmland": "Värmlands län", "västmanland": "Västmanlands län", "dalarna": "Dalarnas län",
    "gävleborg": "Gävleborgs län", "västernorrland": "Västernorrlands län", "jämtland": "Jämtlands län",
    "västerbotten": "Västerbottens län", "norrbotten": "Norrbottens län",
}

_TOWNS = {
    "Stockholms län": "Stockholm Solna Sundbyberg Södertälje Täby Nacka Huddinge Botkyrka Järfälla Sollentuna "
                      "Lidingö Danderyd Haninge Tyresö Upplands_Väsby Vallentuna Österåker Norrtälje Sigtuna Märsta "
                      "Kista Bromma Värmdö Ekerö Salem Nynäshamn Upplands-Bro Vaxholm Nykvarn Åkersberga Tumba",
    "Uppsala län": "Uppsala Enköping Knivsta Tierp Östhammar Älvkarleby Heby",
    "Södermanlands län": "Eskilstuna Nyköping Katrineholm Strängnäs Flen Oxelösund Trosa Gnesta Vingåker",
    "Östergötlands län": "Linköping Norrköping Motala Mjölby Finspång Vadstena Söderköping",
    "Jönköpings län": "Jönköping Värnamo Nässjö Vetlanda Tranås Gislaved Huskvarna Eksjö",
    "Kronobergs län": "Växjö Ljungby Älmhult Alvesta",
    "Kalmar län": "Kalmar Västervik Oskarshamn Nybro Vimmerby",
    "Gotlands län": "Visby",
    "Blekinge län": "Karlskrona Karlshamn Ronneby Sölvesborg",
    "Skåne län": "Malmö Lund Helsingborg Kristianstad Landskrona Trelleborg Ängelholm Hässleholm Ystad "
                 "Eslöv Höganäs Staffanstorp Vellinge Lomma Burlöv Svedala",
    "Hallands län": "Halmstad Varberg Kungsbacka Falkenberg Laholm",
    "Västra Götalands län": "Göteborg Gothenburg Borås Trollhättan Skövde Uddevalla Lidköping Alingsås Mölndal "
                            "Partille Kungälv Vänersborg Mariestad Falköping Lerum Härryda Stenungsund Ale",
    "Värmlands län": "Karlstad Kristinehamn Arvika Säffle",
    "Örebro län": "Örebro Karlskoga Kumla Lindesberg Hallsberg",
    "Västmanlands län": "Västerås Köping Sala Arboga Fagersta",
    "Dalarnas län": "Falun Borlänge Mora Ludvika Avesta Leksand",
    "Gävleborgs län": "Gävle Sandviken Hudiksvall Söderhamn Bollnäs",
    "Västernorrlands län": "Sundsvall Örnsköldsvik Härnösand Sollefteå Timrå",
    "Jämtlands län": "Östersund Åre",
    "Västerbottens län": "Umeå Skellefteå Lycksele",
    "Norrbottens län": "Luleå Piteå Kiruna Boden Gällivare Kalix",
}


def _key(name: str) -> str:
    key = " ".join(name.casefold().split())
    for ending in (" kommun", " stad", " municipality"):
        key = key.removesuffix(ending)
    return key


def _towns(spec: str) -> list[str]:
    # Space-separated; an underscore stands for a space inside a name ("Upplands_Väsby").
    return [town.replace("_", " ") for town in spec.split()]


_BY_NAME = {_key(county): county for county in COUNTIES}
_BY_NAME.update({_key(county.removesuffix(" län").removesuffix("s")): county for county in COUNTIES})
_BY_NAME.update(_COUNTY_ALIASES)
_CITY = {_key(town): county for county, spec in _TOWNS.items() for town in _towns(spec)}


def county_of(name: str | None) -> str | None:
    """The county a county name, alias or town belongs to, or None when we do not know it."""
    if not name or not name.strip():
        return None
    key = _key(name)
    found = _BY_NAME.get(key) or _CITY.get(key)
    if found is None and key.endswith("s") and key != " ".join(name.casefold().split()):  # "Göteborgs stad"
        found = _CITY.get(key[:-1])
    return found


def is_county(name: str | None) -> bool:
    return bool(name) and _key(name) in _BY_NAME
