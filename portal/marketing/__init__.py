"""Marketing pages for people: the one-click unsubscribe link (no sign-in) and their marketing choices."""
