"""Every change to tracing records goes through these modules."""
