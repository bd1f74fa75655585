"""Sharing: outbox events and signed exchange with other agencies and installations."""
