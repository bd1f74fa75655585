"""Every change to spot checks goes through these functions (one transaction each,
`update_fields` saves, an audit entry, and events inside the transaction)."""
