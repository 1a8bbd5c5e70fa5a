// Every feature's tables, for Drizzle's relational queries and drizzle-kit.
export * from "../features/access/schema.ts";
export * from "../features/badges/schema.ts";
export * from "../features/checkin/schema.ts";
export * from "../features/documents/schema.ts";
export * from "../features/events/schema.ts";
export * from "../features/files/schema.ts";
export * from "../features/hybrid/schema.ts";
export * from "../features/live/schema.ts";
export * from "../features/mail/schema.ts";
export * from "../features/negotiation/schema.ts";
export * from "../features/programme/schema.ts";
export * from "../features/registration/schema.ts";
