// Lists the occurrences a second, independent iCalendar reader (ical.js) finds in an .ics file:
// every VEVENT's recurrence expanded with its RRULE, EXDATEs and RECURRENCE-ID overrides, each
// start as a UTC instant ("2026-10-26T22:00:00Z"), sorted, one per line.
//
// usage: node ical_occurrences.mjs FILE.ics UNTIL   (UNTIL: a UTC date-time, e.g. 2027-01-01T00:00:00Z)
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, until] = process.argv.slice(2);
const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
for (const zone of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const end = ICAL.Time.fromDateTimeString(until.replace('Z', ''), null);
const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
// Overrides (RECURRENCE-ID) belong to their master series: relate them before expanding.
const masters = new Map();
for (const e of events) if (!e.isRecurrenceException()) masters.set(e.uid, e);
for (const e of events) if (e.isRecurrenceException() && masters.has(e.uid)) masters.get(e.uid).relateException(e);

const starts = [];
for (const event of masters.values()) {
  if (!event.isRecurring()) {
    starts.push(event.startDate.toJSDate().toISOString());
    continue;
  }
  const it = event.iterator();
  for (let next = it.next(); next && next.compare(end) < 0; next = it.next()) {
    const details = event.getOccurrenceDetails(next);
    starts.push(details.startDate.toJSDate().toISOString());
  }
}
for (const s of starts.sort()) console.log(s.replace('.000Z', 'Z'));
