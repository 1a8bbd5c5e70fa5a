import { data } from "react-router";
import { loadEventList } from "../../features/events/queries.ts";
import { isInterfaceLanguage } from "../../i18n/index.ts";
import { services } from "../server-helpers.ts";
import { EventList } from "../ui/event-list.tsx";
import type { Route } from "./+types/lang-index";

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!isInterfaceLanguage(params.lang)) throw data(null, { status: 404 });
  return loadEventList(services(context).db, params.lang);
}

export default function LangIndex({ loaderData }: Route.ComponentProps) {
  return <EventList {...loaderData} />;
}
