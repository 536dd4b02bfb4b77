"""Reading text for the sensitive-data guard (R-CON-8): normalise, vocabulary, judge; the service is sensitive_data."""
