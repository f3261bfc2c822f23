import { render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { LoadingSteps, stepStates, stepsDone } from "../../../client/src/components/loading-steps.tsx";

const none = { episodes: false, nfo: false, logo: false, images: false };

describe("loading steps", () => {
  test("marks finished steps done, the named step active and the rest waiting", () => {
    const s = stepStates({ status: "loading_logo", progress: { ...none, episodes: true, nfo: true } });
    expect(s).toEqual({ episodes: "done", nfo: "done", logo: "active", images: "waiting" });
  });

  test("a failure is shown at the first step that did not finish", () => {
    const s = stepStates({ status: "failed", progress: { ...none, episodes: true } });
    expect(s).toEqual({ episodes: "done", nfo: "failed", logo: "waiting", images: "waiting" });
    expect(stepsDone({ status: "failed", progress: { ...none, episodes: true } })).toBe(1);
  });

  test("renders four labelled steps whose state follows the snapshot", () => {
    const { container } = render(() => (
      <LoadingSteps snapshot={{ status: "loading_episodes", progress: none }} />
    ));
    const items = [...container.querySelectorAll("li")];
    expect(items.map((li) => li.dataset.step)).toEqual(["episodes", "nfo", "logo", "images"]);
    expect(items.map((li) => li.dataset.state)).toEqual(["active", "waiting", "waiting", "waiting"]);
    expect(items[0]?.textContent).toContain("Episodes");
  });
});
