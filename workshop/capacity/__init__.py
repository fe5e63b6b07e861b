"""Capacity: simulated phones, an event-loop lag probe and the self-test `workshop capaciteit`."""
