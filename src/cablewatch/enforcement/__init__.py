"""Enforcement: cases, penalties, criminal-case transfers."""
