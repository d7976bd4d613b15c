"""The residents' register: the service API (service.py, read first), records, rules and checks,
search, figures, the demo residents, households (households.py) and imports/ (the office's own
spreadsheets: reader, guard, mapping, rows, grouping, matching, resolve, report, importer).

Households and status (households.py), for other areas (relief, visits) to pick households:

- HouseholdRecord (id, building, unit, room, address, number (户号), notes, tags, members; .head,
  .full_address(), .label "3幢1单元502室 张三户"), HouseholdMember (resident_id, name, gender,
  birth, relation, status, left_on, phone), HouseholdQuery (text, building, tags, include_left).
- household_of(resident_id) -> HouseholdRecord | None; household_id_of(resident_id) -> int | None;
  get_household(id); members(id); list_households(HouseholdQuery) in address order;
  household_figures() (户数, people, by size, by household tag).
- create_household, update_household, set_household_tags, move_to_household(resident, household
  or None, relation), set_relation, set_head, set_status(ids, 在册 | 迁出 | 死亡, on=day),
  delete_empty_households. RELATIONS, STATUSES and HEAD come from rules.py.

People who left (迁出, 死亡, with the day) stay for history and are left out unless asked for:
ResidentQuery.include_left (the grid, search, exports, the sign-ups' picker all go through it),
figures, tag and building lists, and members / list_households (include_left=True to see them).
"""
