import { data, redirect } from "react-router";
import { setUserLocale } from "../../../features/access/queries.ts";
import { readForm, requireUser } from "../../admin.ts";
import { services } from "../../server-helpers.ts";
import type { Route } from "./+types/locale";

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(request, context);
  const { form } = await readForm(request, context).catch(() => {
    throw data(null, { status: 403 });
  });
  const locale = String(form.get("locale"));
  await setUserLocale(services(context).db, user.id, locale);
  const back = request.headers.get("referer");
  const url = back ? new URL(back) : null;
  return redirect(url && url.origin === new URL(request.url).origin ? url.pathname + url.search : "/admin");
}

export function loader() {
  return redirect("/admin");
}
