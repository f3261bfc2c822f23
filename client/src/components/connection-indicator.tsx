import type { ConnectionState } from "../lib/trpc.ts";

export const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  open: "Live",
  reconnecting: "Reconnecting…",
  unreachable: "Cannot reach the server — retrying",
  "http-only": "No live updates — refreshing",
};

/** The live-connection badge; a polite status region so changes are announced without stealing focus. */
export function ConnectionIndicator(props: { state: ConnectionState }) {
  return (
    <span class={`conn conn-${props.state}`} role="status" aria-live="polite" data-testid="connection">
      <span class="conn-dot" aria-hidden="true" />
      {CONNECTION_TEXT[props.state]}
    </span>
  );
}
