/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const sessionKinds = ["opening", "plenary", "breakout", "side_event", "break", "press", "other"] as const;
export type SessionKind = (typeof sessionKinds)[number];

export const participationRoles = ["chair", "moderator", "speaker", "keynote", "video_message"] as const;
export type ParticipationRole = (typeof participationRoles)[number];
