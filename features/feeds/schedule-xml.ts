import type { Schedule, ScheduleEvent } from "./schedule.ts";

/** Text safe inside XML 1.0 content and attributes: escaped, and without the control characters XML forbids. */
export function xmlEscape(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const element = (name: string, value: string | number, indent: string) => `${indent}<${name}>${xmlEscape(value)}</${name}>`;

/** `schedule.xml` as the community XSD (voc/schedule) defines it. */
export function scheduleXml(schedule: Schedule, generatorVersion: string): string {
  const c = schedule.conference;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<schedule>",
    `  <generator name="Plenary" version="${xmlEscape(generatorVersion)}"/>`,
    element("url", schedule.url, "  "),
    element("version", schedule.version, "  "),
    "  <conference>",
    element("acronym", c.acronym, "    "),
    element("title", c.title, "    "),
    element("start", c.start, "    "),
    element("end", c.end, "    "),
    element("days", schedule.days.length, "    "),
    element("timeslot_duration", c.timeslotDuration, "    "),
    element("base_url", schedule.baseUrl, "    "),
    element("url", c.url, "    "),
    element("time_zone_name", c.timeZone, "    "),
    ...c.tracks.map((track) => {
      const attributes = [`name="${xmlEscape(track.name)}"`, track.color ? `color="${track.color}"` : "", track.slug ? `slug="${track.slug}"` : ""];
      return `    <track ${attributes.filter(Boolean).join(" ")}>${xmlEscape(track.name)}</track>`;
    }),
    "  </conference>",
  ];
  for (const day of schedule.days) {
    lines.push(`  <day index="${day.index}" date="${day.date}" start="${day.start}" end="${day.end}">`);
    for (const { room, events } of day.rooms) {
      lines.push(`    <room name="${xmlEscape(room.name)}" guid="${room.guid}">`);
      for (const event of events) lines.push(...eventXml(event));
      lines.push("    </room>");
    }
    lines.push("  </day>");
  }
  lines.push("</schedule>", "");
  return lines.join("\n");
}

function eventXml(event: ScheduleEvent): string[] {
  const indent = "        ";
  return [
    `      <event id="${event.id}" guid="${event.guid}">`,
    element("date", event.date, indent),
    element("start", event.start, indent),
    element("duration", event.duration, indent),
    element("room", event.room, indent),
    element("slug", event.slug, indent),
    element("url", event.url, indent),
    element("title", event.title, indent),
    `${indent}<subtitle/>`,
    element("track", event.track, indent),
    element("type", event.type, indent),
    ...(event.language ? [element("language", event.language, indent)] : []),
    element("abstract", event.abstract, indent),
    ...(event.persons.length === 0
      ? [`${indent}<persons/>`]
      : [
          `${indent}<persons>`,
          ...event.persons.map((p) => `${indent}  <person id="${p.id}" guid="${p.guid}">${xmlEscape(p.name)}</person>`),
          `${indent}</persons>`,
        ]),
    `${indent}<links/>`,
    "      </event>",
  ];
}
