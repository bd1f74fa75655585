"""Spot checks: plans, draws, sampling, lab results, verdicts, reports, re-tests."""
