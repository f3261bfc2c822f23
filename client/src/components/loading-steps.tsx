import { For } from "solid-js";
import {
  LOADING_STEPS,
  type LoadingProgress,
  type LoadingStatus,
  type LoadingStep,
} from "../../../shared/series-loading.ts";

export type StepState = "done" | "active" | "waiting" | "failed";

export const STEP_LABELS: Record<LoadingStep, string> = {
  episodes: "Episodes",
  nfo: "NFO",
  logo: "Logo",
  images: "Images",
};

export interface LoadingSnapshot {
  status: LoadingStatus;
  progress: LoadingProgress;
}

/** The state of each step: done from its flag, active when the status names it, failed at the step that broke. */
export function stepStates(snapshot: LoadingSnapshot): Record<LoadingStep, StepState> {
  const firstOpen = LOADING_STEPS.find((s) => !snapshot.progress[s]);
  const out = {} as Record<LoadingStep, StepState>;
  for (const step of LOADING_STEPS) {
    if (snapshot.progress[step]) out[step] = "done";
    else if (snapshot.status === `loading_${step}`) out[step] = "active";
    else if (snapshot.status === "failed" && step === firstOpen) out[step] = "failed";
    else out[step] = "waiting";
  }
  return out;
}

export function stepsDone(snapshot: LoadingSnapshot): number {
  return LOADING_STEPS.filter((s) => snapshot.progress[s]).length;
}

const MARK: Record<StepState, string> = { done: "✓", active: "…", waiting: "○", failed: "✕" };

/** Four steps (episodes, NFO, logo, images) as a list, each with a symbol and a text state. */
export function LoadingSteps(props: { snapshot: LoadingSnapshot; label?: string }) {
  const states = () => stepStates(props.snapshot);
  return (
    <ol class="steps" aria-label={props.label ?? "Loading steps"} data-testid="loading-steps">
      <For each={LOADING_STEPS}>
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
