"""Who is acting, and from where; passed into services instead of reading the request."""
from __future__ import annotations

from dataclasses import dataclass

from portal.models import User


@dataclass(frozen=True)
class Actor:
    user: User | None
    ip: str | None = None

    @property
    def user_id(self) -> int | None:
        return self.user.id if self.user is not None else None


SYSTEM = Actor(user=None, ip=None)
