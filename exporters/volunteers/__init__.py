"""Volunteers' documents: the ledger (台帐, xlsx and PDF), the registration form (blank and
filled, PDF and xlsx) and the service record certificate with its register."""
