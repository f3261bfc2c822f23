import { A } from "@solidjs/router";
import { For } from "solid-js";

/** A section's tabs as plain links (each view has its own address, so Back and bookmarks work). */
export function SubNav(props: { label: string; items: readonly { href: string; label: string }[] }) {
  return (
    <nav aria-label={props.label} class="sub-nav">
      <For each={props.items}>
        {(p) => (
          <A href={p.href} end activeClass="active">
            {p.label}
          </A>
        )}
      </For>
    </nav>
  );
}
