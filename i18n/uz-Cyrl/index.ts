// This language's catalogue: every namespace, as one tree. (Adding a language: i18n/languages.ts.)
import admin from "./admin.json" with { type: "json" };
import api from "./api.json" with { type: "json" };
import common from "./common.json" with { type: "json" };
import dashboard from "./dashboard.json" with { type: "json" };
import duplicates from "./duplicates.json" with { type: "json" };
import errors from "./errors.json" with { type: "json" };
import fields from "./fields.json" with { type: "json" };
import hybrid from "./hybrid.json" with { type: "json" };
import library from "./library.json" with { type: "json" };
import mailing from "./mailing.json" with { type: "json" };
import negotiation from "./negotiation.json" with { type: "json" };
import privacy from "./privacy.json" with { type: "json" };
import registration from "./registration.json" with { type: "json" };
import venue from "./venue.json" with { type: "json" };

export default {
  ...common,
  ...venue,
  ...hybrid,
  admin: admin,
  api: api,
  dashboard: dashboard,
  duplicates: duplicates,
  // The negotiation room's error messages answer its codes (`negotiation.span_mismatch` → error.negotiation.span_mismatch).
  error: { ...errors, negotiation: negotiation.errors, library: library.errors },
  fields: fields,
  library: library,
  mailing: mailing,
  negotiation: negotiation,
  privacy: privacy,
  registration: registration,
};
