/**
 * The absolute address of a page of the app that the server named (an invitation's or a share link's): the server
 * answers an absolute URL when it is configured with its public address, and the app's path otherwise, which this
 * page completes with the origin it was loaded from.
 */
export function appAddress(url: string, origin: string): string {
  return /^https?:\/\//.test(url) ? url : `${origin}${url}`;
}
