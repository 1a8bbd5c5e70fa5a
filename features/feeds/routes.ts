import { Hono } from "hono";
import packageJson from "../../package.json" with { type: "json" };
import { NotFound } from "../shared/errors.ts";
import type { Services } from "../shared/services.ts";
import { programmeCalendar } from "./ics.ts";
import { loadFeed, parseId } from "./load.ts";
import { buildSchedule } from "./schedule.ts";
import { scheduleJson } from "./schedule-json.ts";
import { scheduleXml } from "./schedule-xml.ts";
import { robotsTxt, sitemapXml } from "./sitemap.ts";

const calendarType = "text/calendar; charset=utf-8";
/** Feeds are polled by calendar and schedule apps; a minute of staleness is fine, and keeps a flood of polls cheap. */
const feedCaching = { "cache-control": "public, max-age=60" };

/** Public feeds: `/e/:slug/programme.ics`, `schedule.xml`, `schedule.json`, `/sitemap.xml`, `/robots.txt`. */
export function feedRoutes(services: Services) {
  const feeds = new Hono();
  const publicUrl = services.config.PUBLIC_URL;
  const load = (slug: string, lang: string | undefined) => loadFeed(services.db, publicUrl, slug, lang);

  feeds.get("/e/:slug/programme.ics", async (c) => {
    const feed = await load(c.req.param("slug"), c.req.query("lang"));
    return c.body(programmeCalendar(feed, feed.sessions), 200, { "content-type": calendarType, ...feedCaching });
  });

  feeds.get("/e/:slug/programme/:file{[0-9]+\\.ics}", async (c) => {
    const feed = await load(c.req.param("slug"), c.req.query("lang"));
    const id = parseId(c.req.param("file").slice(0, -".ics".length));
    const session = feed.sessions.find((s) => s.id === id);
    if (!session) throw NotFound("session.not_found");
    return c.body(programmeCalendar(feed, [session]), 200, {
      "content-type": calendarType,
      "content-disposition": `attachment; filename="${feed.event.slug}-session-${session.id}.ics"`,
      ...feedCaching,
    });
  });

  feeds.get("/e/:slug/schedule.xml", async (c) => {
    const feed = await load(c.req.param("slug"), c.req.query("lang"));
    const xml = scheduleXml(buildSchedule(feed, "xml"), packageJson.version);
    return c.body(xml, 200, { "content-type": "application/xml; charset=utf-8", ...feedCaching });
  });

  feeds.get("/e/:slug/schedule.json", async (c) => {
    const feed = await load(c.req.param("slug"), c.req.query("lang"));
    return c.json(scheduleJson(buildSchedule(feed, "json"), packageJson.version), 200, feedCaching);
  });

  feeds.get("/sitemap.xml", async (c) =>
    c.body(await sitemapXml(services.db, publicUrl), 200, { "content-type": "application/xml; charset=utf-8", ...feedCaching }),
  );

  feeds.get("/robots.txt", (c) => c.text(robotsTxt(publicUrl), 200, { "cache-control": "public, max-age=3600" }));

  return feeds;
}
