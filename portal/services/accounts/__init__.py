"""Accounts: users, registration and sign-in, passwords, two-factor, signed tokens, memberships."""
