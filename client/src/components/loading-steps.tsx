import { For } from "solid-js";

export const STEP_ORDER = ["episodes", "nfo", "logo", "images"] as const;
export type Step = (typeof STEP_ORDER)[number];
export type StepState = "done" | "active" | "waiting" | "failed";

export const STEP_LABELS: Record<Step, string> = {
  episodes: "Episodes",
  nfo: "NFO",
  logo: "Logo",
  images: "Images",
};

export interface LoadingSnapshot {
  /** pending | loading_<step> | completed | failed */
  status: string;
  progress: Record<Step, boolean>;
}

/** The state of each step: done from its flag, active when the status names it, failed at the step that broke. */
export function stepStates(snapshot: LoadingSnapshot): Record<Step, StepState> {
  const firstOpen = STEP_ORDER.find((s) => !snapshot.progress[s]);
  const out = {} as Record<Step, StepState>;
  for (const step of STEP_ORDER) {
    if (snapshot.progress[step]) out[step] = "done";
    else if (snapshot.status === `loading_${step}`) out[step] = "active";
    else if (snapshot.status === "failed" && step === firstOpen) out[step] = "failed";
    else out[step] = "waiting";
  }
  return out;
}

export function stepsDone(snapshot: LoadingSnapshot): number {
  return STEP_ORDER.filter((s) => snapshot.progress[s]).length;
}

const MARK: Record<StepState, string> = { done: "✓", active: "…", waiting: "○", failed: "✕" };

/** Four steps (episodes, NFO, logo, images) as a list, each with a symbol and a text state. */
export function LoadingSteps(props: { snapshot: LoadingSnapshot; label?: string }) {
  const states = () => stepStates(props.snapshot);
  return (
    <ol class="steps" aria-label={props.label ?? "Loading steps"} data-testid="loading-steps">
      <For each={STEP_ORDER}>
        {(step) => (
          <li class={`step step-${states()[step]}`} data-step={step} data-state={states()[step]}>
            <span class="step-mark" aria-hidden="true">
              {MARK[states()[step]]}
            </span>
            <span class="step-label">{STEP_LABELS[step]}</span>
            <span class="visually-hidden">: {states()[step]}</span>
          </li>
        )}
      </For>
    </ol>
  );
}
