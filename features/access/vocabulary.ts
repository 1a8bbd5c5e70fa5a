/** The fixed sets of values this feature stores (read by its schema, its checks and its pages). */
export const roles = ["owner", "organiser", "programme_editor", "accreditation_officer", "side_event_partner", "viewer"] as const;
export type Role = (typeof roles)[number];

export const apiTokenScopes = ["read", "write"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];
