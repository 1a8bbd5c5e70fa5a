/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const eventStatuses = ["draft", "published", "archived"] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventFormats = ["in_person", "hybrid", "online"] as const;
export type EventFormat = (typeof eventFormats)[number];

export const organisationRoles = ["host", "co_organiser", "partner"] as const;
export type OrganisationRole = (typeof organisationRoles)[number];
