import { data, type RouterContextProvider } from "react-router";
import { createTranslator, isInterfaceLanguage, negotiateLanguage } from "../i18n/index.ts";
import { isAppError, presentError, NotFound } from "../features/shared/errors.ts";
import { requestContext, servicesContext } from "./context.ts";

export function services(context: Readonly<RouterContextProvider>) {
  return context.get(servicesContext);
}

export function requestState(context: Readonly<RouterContextProvider>) {
  return context.get(requestContext);
}

/** Interface language: a `/:lang/` prefix, else the signed-in user's choice, else `?lang=`, else the browser's. */
export function uiLanguage(request: Request, context: Readonly<RouterContextProvider>, params: { lang?: string } = {}): string {
  if (params.lang) return isInterfaceLanguage(params.lang) ? params.lang : "en";
  const asked = new URL(request.url).searchParams.get("lang");
  if (isInterfaceLanguage(asked)) return asked;
  const user = requestState(context).user;
  if (user && isInterfaceLanguage(user.locale)) return user.locale;
  return negotiateLanguage(request.headers.get("accept-language"));
}

/** Runs a loader body, turning a domain error into the right HTTP status for the error boundary. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      throw data({ code: error.code, status: error.status }, { status: error.status });
    }
    throw error;
  }
}

/** For actions: a domain error becomes form data with translated messages and the right 4xx status. */
export async function formAction<T>(lang: string, work: () => Promise<T>) {
  try {
    return await work();
  } catch (error) {
    if (isAppError(error)) {
      return data({ ok: false as const, ...presentError(error, createTranslator(lang)) }, { status: error.status });
    }
    throw error;
  }
}

export function notFound(): never {
  throw NotFound();
}
