"""Consultant profiles: sections, entries, attachments, identity numbers, LinkedIn import, the sensitive-data guard."""
