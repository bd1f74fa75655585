"""Shared Django pieces: regions, agencies, users and roles, the audit trail."""
