"""Marketing that obeys: campaigns, one-click unsubscribe, the suppression list, hand-over to the named service."""
