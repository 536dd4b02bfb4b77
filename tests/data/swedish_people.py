"""Made-up Swedish people for property tests: common first names and surnames (in the style of SCB's name
statistics), small towns that regions.py does not list, real schools and invented employers.

No name or town here is also an ordinary Swedish or English word ("Per", "Klara", "Berg", "Lund", "Mark" are left
out on purpose), so a test may write them in lower case and still expect them found. Every employer's first
word is its distinctive short form ("Fjällkod" for Fjällkod AB).
"""
from __future__ import annotations

FIRST_NAMES = tuple("""
Anna Eva Maria Karin Kristina Lena Sara Kerstin Emma Ingrid Marie Malin Jenny Hanna Linda Annika Susanne Elin
Monica Birgitta Sofia Johanna Camilla Ulla Helena Åsa Ebba Astrid Wilma Alice Maja Elsa Alva Freja Selma Agnes
Greta Tove Sigrid Linnea Matilda Ylva Märta Gunilla Inger Margareta Barbro Solveig Lars Anders Johan Erik Karl
Mikael Nils Lennart Olof Gustav Fredrik Daniel Peter Thomas Andreas Stefan Magnus Mattias Jonas Niklas Oskar
William Elias Hugo Alexander Viktor Filip Emil Isak Anton Ludvig Edvin Sixten Vilgot Malte Melker Göran Sven
""".split())

SURNAMES = tuple("""
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson
Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson Lindström Lindqvist Lindgren Axelsson
Berglund Bergström Lundberg Lundgren Lundqvist Mattsson Berggren Fredriksson Sandberg Henriksson Forsberg Sjöberg
Wallin Engström Eklund Danielsson Lundin Håkansson Bergman Gunnarsson Wikström Samuelsson Isaksson Fransson
Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström
Viklund Björklund Eliasson Pålsson Sandström Nordin Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg
Hellström Sjögren Abrahamsson Martinsson Öberg Andreasson Strömberg Månsson Åkesson Lindholm Holmqvist
""".split())

# Real municipalities that portal/services/shortlists/regions.py does not know (a test checks this).
TOWNS = tuple("""
Ödeshög Boxholm Åtvidaberg Valdemarsvik Ljusdal Ockelbo Hofors Bengtsfors Färgelanda Mellerud Munkedal Strömstad
Lysekil Grästorp Götene Tibro Töreboda Tidaholm Karlsborg Gullspång Herrljunga Vårgårda Svenljunga Tranemo
Ulricehamn Bollebygd Kramfors Strömsund Krokom Bräcke Storuman Vilhelmina Dorotea Norsjö Robertsfors Vindeln
Arvidsjaur Arjeplog Jokkmokk Haparanda Älvsbyn Torsby Hagfors Filipstad Askersund Hedemora Rättvik Emmaboda
Borgholm Hultsfred Simrishamn Tomelilla Båstad Hylte
""".split())

SCHOOLS = (
    "Kungliga Tekniska högskolan", "Chalmers tekniska högskola", "Lunds universitet", "Uppsala universitet",
    "Stockholms universitet", "Göteborgs universitet", "Linköpings universitet", "Umeå universitet",
    "Luleå tekniska universitet", "Karolinska Institutet", "Handelshögskolan i Stockholm",
    "Sveriges lantbruksuniversitet", "Mälardalens universitet", "Blekinge tekniska högskola", "Linnéuniversitetet",
    "Örebro universitet", "Karlstads universitet", "Mittuniversitetet", "Jönköping University", "Malmö universitet",
    "Södertörns högskola", "Högskolan i Borås", "Högskolan i Gävle", "Högskolan Dalarna", "Högskolan i Halmstad",
    "Högskolan Kristianstad", "Högskolan i Skövde", "Konstfack", "Försvarshögskolan", "Kungliga Musikhögskolan",
)

# Invented; any likeness to a real company is a coincidence.
EMPLOYERS = (
    "Fjällkod AB", "Norrskensdata AB", "Tallviks Systemutveckling AB", "Ekorrsoft AB", "Granitlogik Sverige AB",
    "Blåvingen Consulting AB", "Kvarnhjulet Teknik AB", "Silverlöv Solutions AB", "Myrstacken IT AB",
    "Havsörn Digital AB", "Älgstigen Data AB", "Lövkojan Konsult AB", "Stensöta Group AB", "Forsnacke Nordic AB",
    "Rödhaken Software AB", "Vinterviken Technology AB", "Korpberget Ltd", "Snöklockan Oy", "Tjäderlek GmbH",
    "Molnbro Analytics AB", "Järnvägsbyrån Nordic AB", "Ugglebo Inc", "Backsippan Aktiebolag", "Kantarell Systems AS",
    "Hjortronet AB (publ)", "Solvarvet Partners AB", "Fyrbåken Limited",
)
