"""Trade-union words of the guard (R-CON-8): every LO, TCO and Saco union and the independent ones, by
name and abbreviation, their English names, the common British/US/German unions, and union roles.

A union is also an employer and a party to collective agreements ("IT-konsult på Unionen",
"kollektivavtal med IF Metall"): the judge decides that from the words before the name. Names that
are everyday words ("Vision", "Kommunal", "Handels", "Unite", "ST") count only with an activity word
(`^`). Notation: see `vocabulary`.
"""
from __future__ import annotations

_LO = (
    "byggnads^|byggnadsarbetareförbundet|svenska byggnadsarbetareförbundet|elektrikerförbundet"
    "|svenska elektrikerförbundet|elektrikerna^|fastighetsanställdas förbund|fastighets^|gs facket|gs^"
    "|handelsanställdas förbund|handels^|hotell och restaurangfacket|hrf|if metall|metall^|kommunal^"
    "|kommunalarbetareförbundet|livsmedelsarbetareförbundet|livs^|målareförbundet|målarna^"
    "|pappersindustriarbetareförbundet|pappers^|seko^|transportarbetareförbundet|transport^"
    "|svenska transportarbetareförbundet|musikerförbundet|svenska musikerförbundet|lo^|landsorganisationen"
)
_TCO = (
    "unionen*|vision^|fackförbundet vision|sveriges lärare|lärarförbundet|lärarnas riksförbund|vårdförbundet"
    "|st^|fackförbundet st|finansförbundet|polisförbundet|journalistförbundet|svenska journalistförbundet|sjf"
    "|försvarsförbundet|farmaciförbundet|teaterförbundet|scen och film|forena|tjänstemannaförbundet|tco^"
    "|skolledarförbundet|sveriges skolledare|sveriges skolledarförbund"
)
_SACO = (
    "sveriges ingenjörer|ingenjörsförbundet|civilingenjörsförbundet|cf^|akavia|jusek|civilekonomerna|dik^"
    "|sveriges läkarförbund|läkarförbundet|akademikerförbundet ssr|ssr^|naturvetarna|sveriges psykologförbund"
    "|psykologförbundet|fysioterapeuterna|sveriges tandläkarförbund|tandläkarförbundet|saco s|saco^"
    "|sveriges arkitekter^|kyrkans akademikerförbund|sveriges farmaceuter|officersförbundet"
    "|sveriges universitetslärare och forskare|sulf|sveriges veterinärförbund|sveriges arbetsterapeuter"
    "|arbetsterapeuterna|srat|sveriges skolkuratorers förening|ledarna^|sveriges reklamförbund"
    "|sveriges yrkesmusikerförbund|ingenjörerna"
)
_OTHER = (
    "syndikalisterna|sac syndikalisterna|sveriges arbetares centralorganisation"
    "|swedish association of graduate engineers|swedish association of engineers|association of graduate engineers"
    "|swedish engineers union|the swedish union of|swedish union of|swedish trade union confederation"
    "|swedish confederation of professional associations|swedish confederation of professional employees"
    "|swedish municipal workers union|swedish teachers union|swedish association of university teachers"
    "|unite^@en|unite the union|unison|gmb|ucu|university and college union|neu"
    "|national education union|rcn|royal college of nursing|teamsters|afl cio|seiu|uaw|united auto workers"
    "|ig metall|ver di|verdi^|cwu|communication workers union|pcs union|usdaw|nasuwt|equity union"
    "|aft|american federation of teachers|nea^|national nurses united|writers guild|sag aftra|ibew"
    "|fagforbundet|tekna|akademikerne|unio|3f|hk danmark|dansk metal|ida^|jhl|pro liitto|tehy|ammattiliitto"
)
IDENTITY = {
    "trade_union": "fackligt förtroendevald|facklig förtroendeman|fackligt aktiv|facklig företrädare"
                   "|union representative|union rep|facklig representant|fackliga representant|shop steward"
                   "|union member|fackmedlem~|fackansluten~"
                   "|fackligt organiserad|klubbordförande|fackklubbsordförande|facklig ombudsman|union steward"
                   "|union delegate|union convenor|union activist|fackligt engagerad"
                   "|facklig aktivist|union organiser|union organizer|union organising|union organizing"
                   "|facklig organisatör|medlem i facket|member of the union|member of a union|joined the union"
                   "|gick med i facket|fackföreningsmedlem|union membership|fackligt medlemskap"
                   "|arbetsplatsombud|fackligt ombud|huvudskyddsombud|skyddsombud|"
                   "safety representative|regionalt skyddsombud|health and safety representative|"
                   "safety rep|studieorganisatör"
                   "|förhandlingsdelegation|avtalsdelegation|fackklubb|fackklubben|verkstadsklubb|verkstadsklubben",
}
TOPIC = {
    "trade_union": "sveriges ingenjörer|swedish association of engineers|fackförbund|facket|fack^|trade union"
                   "|union|labour union|labor union|facklig|fackligt|strejk|strike|strejkade|went on strike"
                   "|fackavgift|union dues|union fee"
                   f"|{_LO}|{_TCO}|{_SACO}|{_OTHER}",
}
