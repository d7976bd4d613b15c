"""Activity plans and notices: the service API (service.py, read first), their tables, plain
records, rules, templates, festival days, the JSON form and the demo plans.
"""
