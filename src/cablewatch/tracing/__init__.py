"""Tracing: batches, shipments, projects, installations, recalls.

Scale (PostgreSQL, a province's millions of movements):
- Holdings (batch, party) are kept in step with the movement log in the same
  transaction, so where-used is two index lookups by batch (holdings with a balance,
  installations) instead of a walk of the movement graph; the graph is only walked for
  the flow chart and for an installation's path back, both bounded by one batch.
- Movements are indexed on (batch, from_party) and (batch, to_party); installations on
  (batch, location); batches on (enterprise, designation, production_date) and
  (enterprise, family, production_date) for the usual recall question.
- Movements are not partitioned: every query on them is already narrowed by batch
  through an index, so hash partitions by batch would only spread the same index probe
  over more B-trees, while Django would need a composite primary key (batch_id, id) and
  hand-written DDL in a RunPython migration. bench/bench_tracing.py measures p95 under
  100 ms at 10 million movements without it; partition when the table outgrows vacuum
  and index maintenance windows, not for lookups.
"""
