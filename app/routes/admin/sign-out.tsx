import { redirect } from "react-router";
import { sessionCookieName, signOut } from "../../../features/access/auth.ts";
import { readForm } from "../../admin.ts";
import { requestState, services } from "../../server-helpers.ts";
import type { Route } from "./+types/sign-out";

export async function loader() {
  return redirect("/admin");
}

export async function action({ request, context }: Route.ActionArgs) {
  await readForm(request, context).catch(() => null);
  await signOut(services(context).db, requestState(context).sessionToken);
  return redirect("/admin/sign-in", { headers: { "set-cookie": `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` } });
}
