"""The day's field names, in DayEntry's declared order, without importing pydantic.

Storage builds plain day dicts in this order at start-up, and the CLI offers
one flag per field; a test holds the tuple to `DayEntry.model_fields`.
"""

DAY_FIELDS = (
    "date",
    "pain",
    "worst_pain",
    "enjoyment_interference",
    "activity_interference",
    "locations",
    "symptoms",
    "sitting_minutes",
    "standing_minutes",
    "active_minutes",
    "exercises",
    "exertion",
    "exertion_note",
    "posture",
    "sleep_hours",
    "sleep_quality",
    "treatments",
    "red_flags",
    "flare",
    "note",
    "stress",
    "factors",
)
