import { renderMarkdown } from "../../../features/events/markdown.ts";
import { getPage } from "../../../features/events/queries.ts";
import { resolveText } from "../../../features/shared/localized.ts";
import { htmlLang } from "../../../i18n/index.ts";
import { guard, publishedEvent, services } from "../../server-helpers.ts";
import type { Route } from "./+types/page";
import { type EventLayoutData, pageMeta } from "./layout.tsx";

export async function loader({ params, context }: Route.LoaderArgs) {
  return guard(async () => {
    const { db } = services(context);
    const event = await publishedEvent(context, params.slug);
    const page = await getPage(db, event.id, params.pageSlug);
    const title = resolveText(page.title, params.lang, event.languages);
    const body = resolveText(page.body, params.lang, event.languages);
    return { slug: page.slug, title, html: renderMarkdown(body.text), bodyLang: body.lang, lang: params.lang };
  });
}

export const meta: Route.MetaFunction = ({ loaderData: data, matches }) => {
  const layout = matches.find((m) => m?.id === "routes/event/layout")?.loaderData as EventLayoutData | undefined;
  return data ? pageMeta(layout, data.title.text, `/pages/${data.slug}`) : [];
};

export default function EventPage({ loaderData }: Route.ComponentProps) {
  const { title, html, bodyLang, lang } = loaderData;
  return (
    <article className="prose">
      <h1 lang={title.lang !== lang ? htmlLang(title.lang) : undefined}>{title.text}</h1>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Markdown rendered on the server with raw HTML off (features/events/markdown.ts). */}
      <div lang={bodyLang !== lang ? htmlLang(bodyLang) : undefined} dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
