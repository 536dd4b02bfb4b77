"""The adequacy list as migration c5e8a2d97f46 seeds it (GDPR Art. 45(3)); tests/records compare the two.

The table is the truth the rules read; this copy fills a wiped test database and `flask demo load`.
Review dates: the Commission's next periodic review as announced with each decision (the old
Directive-era decisions were reviewed together on 15 January 2024, every four years since).
"""
from __future__ import annotations

from datetime import date

# code, English name, scope, decision, decided on, expires on, next review, needs certification
ADEQUACY = (
    ("AD", "Andorra", "all", "Commission Decision 2010/625/EU", date(2010, 10, 19), None, date(2028, 1, 15), False),
    ("AR", "Argentina", "all", "Commission Decision 2003/490/EC", date(2003, 6, 30), None, date(2028, 1, 15), False),
    ("BR", "Brazil", "all", "Commission Implementing Decision (EU) 2026/179", date(2026, 1, 26), None,
     date(2030, 1, 26), False),
    ("CA", "Canada", "commercial", "Commission Decision 2002/2/EC", date(2001, 12, 20), None, date(2028, 1, 15),
     False),
    ("FO", "Faroe Islands", "all", "Commission Decision 2010/146/EU", date(2010, 3, 5), None, date(2028, 1, 15),
     False),
    ("GG", "Guernsey", "all", "Commission Decision 2003/821/EC", date(2003, 11, 21), None, date(2028, 1, 15), False),
    ("IL", "Israel", "all", "Commission Decision 2011/61/EU", date(2011, 1, 31), None, date(2028, 1, 15), False),
    ("IM", "Isle of Man", "all", "Commission Decision 2004/411/EC", date(2004, 4, 28), None, date(2028, 1, 15),
     False),
    ("JP", "Japan", "private_sector", "Commission Implementing Decision (EU) 2019/419", date(2019, 1, 23), None,
     date(2027, 4, 3), False),
    ("JE", "Jersey", "all", "Commission Decision 2008/393/EC", date(2008, 5, 8), None, date(2028, 1, 15), False),
    ("NZ", "New Zealand", "all", "Commission Implementing Decision 2013/65/EU", date(2012, 12, 19), None,
     date(2028, 1, 15), False),
    ("KR", "Republic of Korea", "private_sector", "Commission Implementing Decision (EU) 2022/254",
     date(2021, 12, 17), None, date(2028, 12, 17), False),
    ("CH", "Switzerland", "all", "Commission Decision 2000/518/EC", date(2000, 7, 26), None, date(2028, 1, 15),
     False),
    # Renewed by the Commission on 19 December 2025 for six years.
    ("GB", "United Kingdom", "all", "Commission Implementing Decision (EU) 2021/1772, renewed 19 December 2025",
     date(2021, 6, 28), date(2031, 12, 27), date(2029, 12, 19), False),
    ("US", "United States", "dpf", "Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)",
     date(2023, 7, 10), None, date(2027, 10, 9), True),
    ("UY", "Uruguay", "all", "Commission Decision 2012/484/EU", date(2012, 8, 21), None, date(2028, 1, 15), False),
    ("EPO", "European Patent Organisation", "organisation", "Commission Implementing Decision (EU) 2025/1382",
     date(2025, 7, 15), None, date(2029, 7, 15), False),
)
