"""Getting data out and in: CSV, JSON backup, FHIR, PDF report."""
