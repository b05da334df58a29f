"""The desk's starting calendars and service levels (the seed's hours and targets)."""

from datetime import time

OFFICE_HOURS = [(time(9), time(13)), (time(14), time(18))]
PHONE_HOURS = [(time(10), time(12, 30)), (time(15), time(17))]
CALENDARS = [("office", "Ufficio assistenza", OFFICE_HOURS), ("phone", "Linea telefonica", PHONE_HOURS)]
# (request type name or None, priority or "", first response hours)
POLICIES = [(None, "", 8), ("Malfunzionamento", "", 4), (None, "urgent", 4)]


def ensure_defaults(Calendar, WorkingInterval, SlaPolicy, RequestType):
    for key, name, hours in CALENDARS:
        calendar, created = Calendar.objects.get_or_create(key=key, defaults={"name": name})
        if created:
            WorkingInterval.objects.bulk_create(
                WorkingInterval(calendar=calendar, weekday=day, starts=start, ends=end)
                for day in range(5) for start, end in hours)
    for type_name, priority, hours in POLICIES:
        request_type = RequestType.objects.filter(name=type_name).first() if type_name else None
        if type_name and request_type is None:
            continue
        SlaPolicy.objects.get_or_create(request_type=request_type, priority=priority,
                                        defaults={"first_response_hours": hours})
