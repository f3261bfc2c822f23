/**
 * A plain WebSocket with extra handshake headers (cookie, Origin). Bun's WebSocket takes `{ headers }` as
 * its second argument; the DOM typings only know the `protocols` form, hence the one cast here.
 */
export function openRawSocket(url: string, headers: Record<string, string>): WebSocket {
  const options = { headers } as unknown as string[];
  return new WebSocket(`${url.replace(/^http/, "ws")}/trpc`, options);
}
