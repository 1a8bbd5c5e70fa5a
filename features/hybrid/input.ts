import { z } from "zod";
import { languageCode } from "../shared/localized.ts";
import { formInteger } from "../shared/validate.ts";
import { onlineProviders } from "./vocabulary.ts";

const url = z
  .string()
  .trim()
  .max(2000, "too_long")
  .refine((v) => {
    try {
      return ["https:", "http:"].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, "url.invalid");

/** A session's online participation, as staff write it (the page and the API share it). */
export const sessionOnlineInput = z.object({
  provider: z.enum(onlineProviders, "invalid"),
  joinUrl: url,
  channels: z
    .array(z.object({ lang: languageCode, url }))
    .max(20)
    .default([]),
  livestreamUrl: z.preprocess((v) => (v === "" ? null : v), url.nullish()),
  allowInPerson: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()).default(false),
  version: formInteger().positive().optional(),
});
