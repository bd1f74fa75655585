"""Tracing: batches, shipments, projects, installations, recalls."""
