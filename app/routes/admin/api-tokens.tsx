import { Form, useActionData, useLoaderData } from "react-router";
import { createApiToken, listApiTokens, revokeApiToken } from "../../../features/access/api-tokens.ts";
import { mayGrantTokenScope } from "../../../features/access/policy.ts";
import { apiTokenScopes } from "../../../features/access/vocabulary.ts";
import { NotFound } from "../../../features/shared/errors.ts";
import { toId } from "../../../features/shared/validate.ts";
import { eventFormatter } from "../../../i18n/format.ts";
import { createTranslator } from "../../../i18n/index.ts";
import { type ActionResult, commandContext, loadStaffEvent, staffAction } from "../../admin.ts";
import { useT, useUiLang } from "../../i18n.ts";
import { privatePageHeaders, services, uiLanguage } from "../../server-helpers.ts";
import { Csrf, Field, FormStatus, SelectField } from "../../ui/form.tsx";
import { Stamp } from "../../ui/stamp.tsx";
import { TableRegion } from "../../ui/table.tsx";
import type { Route } from "./+types/api-tokens";

export const headers = privatePageHeaders;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  return {
    event,
    tokens: await listApiTokens(services(context).db, event.id),
    apiUrl: `${services(context).config.PUBLIC_URL}/api/v1`,
    // A role's scope only for those who hold that role's grants (the command refuses the others too).
    scopes: apiTokenScopes.filter((scope) => mayGrantTokenScope(actor, scope)),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { event, actor } = await loadStaffEvent(request, context, params.slug, "registrations.manage");
  const t = createTranslator(uiLanguage(request, context));
  return staffAction(request, context, async ({ values, intent }) => {
    if (intent === "revoke") {
      const id = toId(values.id);
      if (id === null) throw NotFound();
      await revokeApiToken(commandContext(context, actor), event.id, id);
      return { ok: true, message: t("api.tokens.revoked") } satisfies ActionResult;
    }
    const { token } = await createApiToken(commandContext(context, actor), event.id, values);
    return { ok: true as const, message: t("api.tokens.created"), token };
  });
}

export default function ApiTokens() {
  const { event, tokens, apiUrl, scopes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (ActionResult & { token?: string }) | undefined;
  const t = useT();
  const fmt = eventFormatter(useUiLang(), event.timezone);
  return (
    <>
      <title>{t("api.tokens.title")}</title>
      <h1>{t("api.tokens.title")}</h1>
      <p className="muted">
        {t("api.tokens.intro")} <a href={`${apiUrl}/openapi.json`}>{t("api.tokens.reference")}</a>
      </p>
      <FormStatus result={result} />
      {result?.ok && result.token ? (
        <div className="notice" role="status">
          <p>
            <strong>{t("api.tokens.copyNow")}</strong>
          </p>
          <p>
            <code className="token">{result.token}</code>
          </p>
          <p className="muted">
            {t("api.tokens.usage")} <code>Authorization: Bearer {result.token.slice(0, 9)}…</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack">
        <Csrf />
        <div className="row">
          <Field name="name" label={t("api.tokens.name")} required result={result} hint={t("api.tokens.nameHint")} />
          <SelectField
            name="scope"
            label={t("api.tokens.scope")}
            result={result}
            options={scopes.map((s) => ({ value: s, label: t(`api.tokens.scopes.${s}`) }))}
          />
        </div>
        <p>
          <button type="submit" name="intent" value="create">
            {t("api.tokens.create")}
          </button>
        </p>
      </Form>
      <h2>{t("api.tokens.list", { count: tokens.filter((x) => !x.revokedAt).length })}</h2>
      {tokens.length ? (
        <TableRegion label={t("api.tokens.list", { count: tokens.filter((x) => !x.revokedAt).length })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("api.tokens.name")}</th>
                <th scope="col">{t("api.tokens.scope")}</th>
                <th scope="col">{t("api.tokens.createdBy")}</th>
                <th scope="col">{t("api.tokens.lastUsed")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("api.tokens.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{t(`api.tokens.scopes.${token.scope}`)}</td>
                  <td>
                    {token.createdBy ?? "—"}
                    <br />
                    <span className="muted">
                      <Stamp at={token.createdAt}>{fmt.dateTime(new Date(token.createdAt))}</Stamp>
                    </span>
                  </td>
                  <td>{token.lastUsedAt ? <Stamp at={token.lastUsedAt}>{fmt.dateTime(new Date(token.lastUsedAt))}</Stamp> : t("api.tokens.never")}</td>
                  <td>
                    {token.revokedAt ? (
                      <Stamp at={token.revokedAt}>{t("api.tokens.revokedOn", { date: fmt.dateTime(new Date(token.revokedAt)) })}</Stamp>
                    ) : (
                      <Form method="post">
                        <Csrf />
                        <input type="hidden" name="id" value={token.id} />
                        <button type="submit" name="intent" value="revoke" className="secondary" aria-label={t("api.tokens.revokeNamed", { name: token.name })}>
                          {t("api.tokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t("api.tokens.none")}</p>
      )}
    </>
  );
}
