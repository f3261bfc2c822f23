import { createEffect, createSignal, on, Show } from "solid-js";

/**
 * A poster image with a neutral placeholder (the title's first letter) when there is no source or the
 * image fails to load. Decorative: the title is always shown next to it as text.
 */
export function Poster(props: { src: string | null; title: string; large?: boolean; lazy?: boolean }) {
  const [failed, setFailed] = createSignal(false);
  // A new source (the images step finished) gets a fresh chance.
  createEffect(
    on(
      () => props.src,
      () => setFailed(false),
      { defer: true },
    ),
  );
  return (
    <div class="poster" classList={{ "poster-large": props.large === true }} aria-hidden="true">
      <Show
        when={!failed() && props.src}
        fallback={<span class="poster-fallback">{props.title.slice(0, 1) || "?"}</span>}
      >
        {(src) => (
          <img
            src={src()}
            alt=""
            data-testid="poster-image"
            loading={props.lazy ? "lazy" : "eager"}
            decoding="async"
            onError={() => setFailed(true)}
          />
        )}
      </Show>
    </div>
  );
}

/** Optional artwork (fanart, logo): shown when the file loads, nothing at all when it is absent. */
export function OptionalArtwork(props: { src: string | null; class: string; testId?: string }) {
  const [failed, setFailed] = createSignal(false);
  createEffect(
    on(
      () => props.src,
      () => setFailed(false),
      { defer: true },
    ),
  );
  return (
    <Show when={!failed() && props.src}>
      {(src) => (
        <img
          class={props.class}
          src={src()}
          alt=""
          aria-hidden="true"
          data-testid={props.testId}
          decoding="async"
          onError={() => setFailed(true)}
        />
      )}
    </Show>
  );
}
