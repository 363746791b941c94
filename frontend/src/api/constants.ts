import type { ChannelKey, Role, TokenScope } from './types.ts';

// Fixed vocabularies of the API (channels, roles, token scopes) with what the UI shows for them.

/** Every channel, in display order, with the label people see. */
export const CHANNELS: readonly { key: ChannelKey; label: string }[] = [
  { key: 'website', label: 'Website / blog' },
  { key: 'twitter', label: 'X / Twitter' },
  { key: 'facebook', label: 'Facebook page' },
  { key: 'linkedin', label: 'LinkedIn' },
  { key: 'newsletter', label: 'Newsletter' },
  { key: 'search', label: 'Search' },
  { key: 'leads', label: 'Lead capture' },
  { key: 'polls', label: 'Polls' },
];

/** The label of a channel key; an unknown key is shown as it is. */
export function channelLabel(key: string): string {
  return CHANNELS.find((channel) => channel.key === key)?.label ?? key;
}

export const ROLES: readonly Role[] = ['owner', 'admin', 'analyst', 'viewer'];

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'metrics:write', 'admin'];
