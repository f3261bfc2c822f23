import { Show } from "solid-js";
import { useApi } from "../lib/api-context.tsx";

/**
 * "stale" next to a heading while the data shown is the last the server sent: the server cannot be
 * reached, or the latest refresh failed while older data is kept on screen.
 */
export function StaleBadge(props: { query: { isError: boolean; data: unknown } }) {
  const api = useApi();
  const stale = () =>
    props.query.data !== undefined && (props.query.isError || api.connection() === "unreachable");
  return (
    <Show when={stale()}>
      <span
        class="badge stale-badge"
        data-testid="stale"
        title="The server cannot be reached; this is the last data received"
      >
        stale
      </span>
    </Show>
  );
}
