/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const attendanceModes = ["in_person", "online"] as const;
export type AttendanceMode = (typeof attendanceModes)[number];

/** Standard registration fields a category may require (beyond names, email and country, always required). */
export const standardFields = [
  "honorific",
  "localNames",
  "position",
  "organisation",
  "phone",
  "nationality",
  "idDocument",
  "birthDate",
  "photo",
  "travel",
  "dietary",
  "accessibility",
  "interpretationLanguage",
] as const;
export type StandardField = (typeof standardFields)[number];

export const delegationKinds = ["state", "organisation"] as const;
export type DelegationKind = (typeof delegationKinds)[number];

export const idDocumentTypes = ["passport", "diplomatic_passport", "service_passport", "national_id", "other"] as const;

export const registrationStatuses = ["pending", "approved", "waitlisted", "rejected", "withdrawn", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** Statuses the secretariat may set; withdrawing is the person's own choice. */
export const reviewableStatuses: readonly RegistrationStatus[] = ["pending", "approved", "waitlisted", "rejected", "cancelled"];

/** Statuses that no longer hold a place in a quota or a category. */
export const inactiveStatuses: readonly RegistrationStatus[] = ["withdrawn", "cancelled", "rejected"];

export const linkPurposes = ["focal_point", "participant", "invitation"] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

export const importStatuses = ["previewed", "queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** What an uploaded file holds (features/registration/imports/). */
export const importKinds = ["participants", "delegations"] as const;
export type ImportKind = (typeof importKinds)[number];

export const customFieldTypes = ["text", "choice", "multi_choice", "yes_no", "date", "file"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export const mailTemplateKinds = [
  "focalPoint",
  "invitation",
  "received",
  "approved",
  "waitlisted",
  "rejected",
  "reminder",
  "detailsRecorded",
  "substituted",
] as const;
export type MailTemplateKind = (typeof mailTemplateKinds)[number];

/** How something the secretariat records reached it: said on every recorded change, in the audit log. */
export const recordSources = ["paper_form", "email", "phone", "in_person"] as const;
export type RecordSource = (typeof recordSources)[number];
