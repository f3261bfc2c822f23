import { Show } from "solid-js";

/** Previous / next page buttons with "page n of m"; hidden when everything fits on one page. */
export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Show when={pages() > 1}>
      <nav class="pager" aria-label="Pages">
        <button type="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
          Previous
        </button>
        <span aria-live="polite">
          Page {props.page} of {pages()}
        </span>
        <button type="button" disabled={props.page >= pages()} onClick={() => props.onPage(props.page + 1)}>
          Next
        </button>
      </nav>
    </Show>
  );
}
