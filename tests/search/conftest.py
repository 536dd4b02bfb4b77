from tests.search.documents import profiles  # noqa: F401  (fixture)
