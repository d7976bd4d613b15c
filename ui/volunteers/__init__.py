"""The 志愿服务 tab: read area.py first (volunteers, services, the minimums view, exports); each
dialog in its own module (service_dialog: keyboard entry of a service's people and hours)."""
