import { fireEvent, render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { ConnectionsForm } from "../../../../client/src/pages/settings/connections-form.tsx";
import type { SettingsPatch } from "../../../../shared/settings.ts";

describe("Settings → Connections", () => {
  test("saves only what changed: a new FlareSolverr URL, an untouched proxy stays out of the patch", async () => {
    const saved: SettingsPatch[] = [];
    const { getByLabelText, container } = render(() => (
      <ConnectionsForm
        flaresolverrUrl=""
        proxyUrl="http://proxy.lan:3128"
        saving={false}
        onSave={async (patch) => void saved.push(patch)}
      />
    ));
    fireEvent.input(getByLabelText("FlareSolverr URL"), { target: { value: " http://127.0.0.1:8191 " } });
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(saved).toEqual([{ flaresolverrUrl: "http://127.0.0.1:8191" }]);
  });

  test("clearing the proxy sends an empty value (back to ANIWORLD_PROXY_URL)", async () => {
    const saved: SettingsPatch[] = [];
    const { getByLabelText, container } = render(() => (
      <ConnectionsForm
        flaresolverrUrl="http://fs:8191"
        proxyUrl="socks5://127.0.0.1:1080"
        saving={false}
        onSave={async (patch) => void saved.push(patch)}
      />
    ));
    fireEvent.input(getByLabelText("Outbound proxy (http://, https:// or socks5://)"), {
      target: { value: "" },
    });
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(saved).toEqual([{ proxyUrl: "" }]);
  });
});
