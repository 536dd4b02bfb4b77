"""Privacy rights: access extract, portability, transfer, erasure, restriction, disputes, requests, deadlines, legal holds, policy."""
