/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */

/** Where a session is held online; any provider works, these only name it on the page. */
export const onlineProviders = ["zoom", "teams", "webex", "jitsi", "bigbluebutton", "livestream", "other"] as const;
export type OnlineProvider = (typeof onlineProviders)[number];
