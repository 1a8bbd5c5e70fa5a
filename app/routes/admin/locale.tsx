import { data, redirect } from "react-router";
import { setUserLocale } from "../../../features/access/queries.ts";
import { safeNext } from "../../../features/access/safe-next.ts";
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
  // Back to the page the form was on: a page of this site only (the Referer is the browser's word, not ours).
  const back = URL.parse(request.headers.get("referer") ?? "");
  return redirect(back && back.origin === new URL(request.url).origin ? safeNext(back.pathname + back.search) : "/admin");
}

export function loader() {
  return redirect("/admin");
}
