"""Data, rules, queries and imports of 社区活动助手. No Qt here: usable from scripts and tests."""
