"""The steps of the schema ladder, one module a version (vN: the step from N-1 to N), each in
literal SQL frozen at its version; models/datafile/db.py climbs them in order.
"""
