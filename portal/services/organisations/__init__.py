"""Organisations: registration and approval, representatives, partnerships, service requests, contact details."""
