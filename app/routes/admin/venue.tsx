import { Form, useActionData, useLoaderData } from "react-router";
import { loadEventParts } from "../../../features/events/queries.ts";
import { deleteEventPart, saveEventPart } from "../../../features/events/save-parts.ts";
import { toId } from "../../../features/shared/validate.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT } from "../../i18n.ts";
import { services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, LocalizedField } from "../../ui/form.tsx";
import type { Route } from "./+types/venue";

export async function loader({ request, context, params }: Route.LoaderArgs) {
  // Only those who may change it see the page: its forms would answer 403 to anyone else.
  const { event } = await loadStaffEvent(request, context, params.slug, "programme.edit");
  const parts = await loadEventParts(services(context).db, event.id);
  return { event, rooms: parts.rooms, tracks: parts.tracks };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug);
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    const ctx = commandContext(context, actor);
    const kind = values.kind === "track" ? "track" : "room";
    const id = toId(values.id);
    if (intent === "delete" && id) await deleteEventPart(ctx, kind, event, id);
    else await saveEventPart(ctx, kind, event, id, values);
    return { ok: true, message: t("admin.saved") } satisfies ActionResult;
  });
}

export default function Venue() {
  const { event, rooms, tracks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const languages = event.languages;
  return (
    <>
      <title>{t("admin.nav.venue")}</title>
      <h1>{t("admin.nav.venue")}</h1>
      <FormStatus result={result} />
      <h2>{t("admin.venue.rooms")}</h2>
      {[...rooms, null].map((room) => (
        <details key={room?.id ?? "new"} open={!room && rooms.length === 0}>
          <summary>{room ? (room.name[languages[0]] ?? "") + (room.capacity ? ` (${room.capacity})` : "") : t("admin.venue.newRoom")}</summary>
          <Form method="post" className="stack">
            <Csrf />
            <input type="hidden" name="kind" value="room" />
            {room ? <input type="hidden" name="id" value={room.id} /> : null}
            <LocalizedField
              name="name"
              label={t("admin.venue.roomName")}
              languages={languages}
              value={room?.name}
              required
              scope={`room-${room?.id ?? "new"}`}
            />
            <Field name="capacity" type="number" min={0} label={t("admin.venue.capacity")} defaultValue={room?.capacity} scope={`room-${room?.id ?? "new"}`} />
            <p className="actions">
              <button type="submit" name="intent" value="save">
                {t("admin.save")}
              </button>
              {room ? (
                <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
                  {t("admin.delete")}
                </button>
              ) : null}
            </p>
          </Form>
        </details>
      ))}
      <h2>{t("admin.venue.tracks")}</h2>
      {[...tracks, null].map((track) => (
        <details key={track?.id ?? "new"}>
          <summary>{track ? track.name[languages[0]] : t("admin.venue.newTrack")}</summary>
          <Form method="post" className="stack">
            <Csrf />
            <input type="hidden" name="kind" value="track" />
            {track ? <input type="hidden" name="id" value={track.id} /> : null}
            <Field name="slug" label={t("admin.event.slug")} defaultValue={track?.slug} required scope={`track-${track?.id ?? "new"}`} />
            <LocalizedField
              name="name"
              label={t("admin.venue.trackName")}
              languages={languages}
              value={track?.name}
              required
              scope={`track-${track?.id ?? "new"}`}
            />
            <Field name="color" type="color" label={t("admin.venue.color")} defaultValue={track?.color ?? "#1f5f8b"} scope={`track-${track?.id ?? "new"}`} />
            <p className="actions">
              <button type="submit" name="intent" value="save">
                {t("admin.save")}
              </button>
              {track ? (
                <button type="submit" name="intent" value="delete" className="danger" formNoValidate>
                  {t("admin.delete")}
                </button>
              ) : null}
            </p>
          </Form>
        </details>
      ))}
    </>
  );
}
