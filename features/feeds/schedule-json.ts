import type { Schedule } from "./schedule.ts";

/**
 * `schedule.json`, the JSON twin of `schedule.xml` (voc/schedule `schema.json`). Persons take the
 * frab shape `{ id, public_name }` only, since the schema accepts exactly one of the two shapes.
 */
export function scheduleJson(schedule: Schedule, generatorVersion: string) {
  const c = schedule.conference;
  return {
    $schema: "https://c3voc.de/schedule/schema.json",
    generator: { name: "Plenary", version: generatorVersion },
    schedule: {
      version: schedule.version,
      base_url: schedule.baseUrl,
      url: schedule.url,
      conference: {
        acronym: c.acronym,
        title: c.title,
        ...(c.description ? { description: c.description } : {}),
        start: c.start,
        end: c.end,
        daysCount: schedule.days.length,
        timeslot_duration: c.timeslotDuration,
        // The schema's pattern takes `Area/City` names and UTC only.
        ...(/^([A-Z][a-z]+\/[A-Z][a-z]+)$|^UTC$/.test(c.timeZone) ? { time_zone_name: c.timeZone } : {}),
        url: c.url,
        ...(c.logo ? { logo: c.logo } : {}),
        tracks: c.tracks,
        rooms: c.rooms.map((room) => ({ name: room.name, guid: room.guid, capacity: room.capacity })),
        days: schedule.days.map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          rooms: Object.fromEntries(
            day.rooms.map(({ room, events }) => [
              room.name,
              events.map((event) => ({
                id: event.id,
                guid: event.guid,
                date: event.date,
                start: event.start,
                end: event.end,
                duration: event.duration,
                room: event.room,
                slug: event.slug,
                url: event.url,
                title: event.title,
                subtitle: "",
                track: event.track,
                type: event.type,
                language: event.language,
                abstract: event.abstract,
                description: null,
                // Sessions have no logo of their own: players show the event's.
                logo: c.logo ?? "",
                persons: event.persons.map((p) => ({ id: p.id, guid: p.guid, public_name: p.name })),
                links: [],
                attachments: [],
              })),
            ]),
          ),
        })),
      },
    },
  };
}
