import type { ApiRequestInit } from './client.ts';
import type {
  ApiToken,
  Client,
  CreateApiTokenRequest,
  CreateClientRequest,
  CreatedApiToken,
  CreatedInvitation,
  CreateInvitationRequest,
  Invitation,
  Me,
  Member,
  UpdateClientRequest,
  UpdateMemberRequest,
} from './types.ts';

/**
 * Performs an authenticated API call (the session store's `request`: bearer token, one refresh and
 * retry on 401). Every endpoint below takes one, so components and tests choose how calls are made.
 */
export type Requester = <T>(path: string, init?: Omit<ApiRequestInit, 'accessToken'>) => Promise<T>;

const id = encodeURIComponent;

export const api = {
  me: (request: Requester, signal?: AbortSignal) => request<Me>('/api/me', { signal }),

  listClients: (request: Requester, signal?: AbortSignal) => request<Client[]>('/api/clients', { signal }),
  createClient: (request: Requester, body: CreateClientRequest) =>
    request<Client>('/api/clients', { method: 'POST', body }),
  updateClient: (request: Requester, clientId: string, body: UpdateClientRequest) =>
    request<Client>(`/api/clients/${id(clientId)}`, { method: 'PATCH', body }),
  deleteClient: (request: Requester, clientId: string) =>
    request<undefined>(`/api/clients/${id(clientId)}`, { method: 'DELETE' }),

  listMembers: (request: Requester, signal?: AbortSignal) => request<Member[]>('/api/members', { signal }),
  updateMember: (request: Requester, userId: string, body: UpdateMemberRequest) =>
    request<Member>(`/api/members/${id(userId)}`, { method: 'PATCH', body }),
  removeMember: (request: Requester, userId: string) =>
    request<undefined>(`/api/members/${id(userId)}`, { method: 'DELETE' }),
  listInvitations: (request: Requester, signal?: AbortSignal) =>
    request<Invitation[]>('/api/members/invitations', { signal }),
  createInvitation: (request: Requester, body: CreateInvitationRequest) =>
    request<CreatedInvitation>('/api/members/invitations', { method: 'POST', body }),
  revokeInvitation: (request: Requester, invitationId: string) =>
    request<undefined>(`/api/members/invitations/${id(invitationId)}`, { method: 'DELETE' }),

  listTokens: (request: Requester, signal?: AbortSignal) => request<ApiToken[]>('/api/tokens', { signal }),
  createToken: (request: Requester, body: CreateApiTokenRequest) =>
    request<CreatedApiToken>('/api/tokens', { method: 'POST', body }),
  revokeToken: (request: Requester, tokenId: string) =>
    request<undefined>(`/api/tokens/${id(tokenId)}`, { method: 'DELETE' }),
};
