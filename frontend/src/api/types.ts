// Shapes of the JSON the backend API sends and receives. Keep every API type in this file.

/** Body of `GET /api/health` (HTTP 200 when healthy, 503 when the database is down). */
export type Health = {
  status: 'ok' | 'unavailable';
  db: 'up' | 'down';
  version: string;
};

/** Body of every API error response; some carry extra fields (e.g. `agencies` on a login 409). */
export type ApiError = {
  status: number;
  message: string;
};

/** A person's role in an agency, from most to least powerful. */
export type Role = 'owner' | 'admin' | 'analyst' | 'viewer';

/** The channels a client can be measured on (see `CHANNELS` in channels.ts for their labels). */
export type ChannelKey =
  | 'website'
  | 'twitter'
  | 'facebook'
  | 'linkedin'
  | 'newsletter'
  | 'search'
  | 'leads'
  | 'polls';

export type UserSummary = { id: string; email: string; name: string };

export type AgencySummary = { id: string; name: string };

/** Answer of signup, login, refresh and accept-invitation. */
export type AuthSession = {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of `accessToken` in seconds. */
  expiresIn: number;
  user: UserSummary;
  agency: AgencySummary;
  role: Role;
  /** Non-null for a "client viewer", limited to that one client. */
  clientId: string | null;
};

/** Body of `GET /api/me`. */
export type Me = {
  user: UserSummary;
  agency: AgencySummary;
  role: Role;
  clientId: string | null;
};

export type SignupRequest = { agencyName: string; name: string; email: string; password: string };

export type LoginRequest = { email: string; password: string; agencyId?: string };

/** Extra field of the 409 a login gets when the person belongs to several agencies. */
export type AgencyChoice = { agencies: AgencySummary[] };

export type AcceptInvitationRequest = { token: string; name: string; password: string };

export type Client = {
  id: string;
  name: string;
  website: string | null;
  timeZone: string;
  /** Channel keys; unknown keys from a newer server are shown as they are. */
  channels: string[];
  createdAt: string;
  updatedAt: string;
};

export type CreateClientRequest = {
  name: string;
  website?: string;
  timeZone?: string;
  channels?: string[];
};

export type UpdateClientRequest = {
  name?: string;
  /** `null` clears the website. */
  website?: string | null;
  timeZone?: string;
  channels?: string[];
};

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  clientId: string | null;
  joinedAt: string;
};

export type UpdateMemberRequest = { role: Role; clientId?: string | null };

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  clientId: string | null;
  expiresAt: string;
  createdAt: string;
};

export type CreateInvitationRequest = { email: string; role: Role; clientId?: string };

export type CreatedInvitation = Invitation & { token: string; acceptUrl: string };

export type TokenScope = 'read' | 'metrics:write' | 'admin';

export type ApiToken = {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
};

export type CreateApiTokenRequest = {
  name: string;
  scopes: TokenScope[];
  /** ISO-8601 instant. */
  expiresAt?: string;
};

/** Answer of `POST /api/tokens`; `token` is shown once and never again. */
export type CreatedApiToken = ApiToken & { token: string };
