/**
 * The cache keys of server resources, one place for all of them. A key starts with the resource's
 * owner (`['clients', id, …]`), so invalidating `clientKeys.all(id)` refreshes everything of one client.
 * Add keys here, never as literals in components.
 */
export const queryKeys = {
  clients: () => ['clients'] as const,
  portfolio: (params: Record<string, string | number | boolean | null> = {}) => ['clients', 'portfolio', params] as const,
  client: (clientId: string) => ['clients', clientId] as const,
  clientPart: (clientId: string, part: string, params: Record<string, string | number | boolean | null> = {}) =>
    ['clients', clientId, part, params] as const,
  members: () => ['members'] as const,
  me: (part: string) => ['me', part] as const,
  agency: (part: string) => ['agency', part] as const,
};
