"""Demo data for `flask demo load` and the synthetic-profile generator; the rules never import it."""
