"""The 活动反馈 area (ui/main_window.py AREAS): pick an activity, then its feedback form (editor),
keying in the returned forms by keyboard alone (entry), the tally with its charts (tally_view),
and the activity summary's outline, prose and photos (summary_panel). Reads and writes go through
models.feedback.service and ui.operations."""
