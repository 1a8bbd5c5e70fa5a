import { loadEventList } from "../../features/events/queries.ts";
import { services, uiLanguage } from "../server-helpers.ts";
import { EventList } from "../ui/event-list.tsx";
import type { Route } from "./+types/index";

export async function loader({ request, context }: Route.LoaderArgs) {
  return loadEventList(services(context).db, uiLanguage(request, context));
}

export default function Index({ loaderData }: Route.ComponentProps) {
  return <EventList {...loaderData} />;
}
