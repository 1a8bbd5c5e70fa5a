/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const outboxStatuses = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
