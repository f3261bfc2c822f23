import { MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { GeneralSettingsForm } from "../../../../client/src/pages/settings/general-settings-form.tsx";
import { DEFAULT_SETTINGS } from "../../../../shared/settings.ts";

describe("general settings form", () => {
  test("checks changes with the server's schema: a value it would refuse is named in plain words and never sent", async () => {
    const { tmdbApiKey: _secret, ...visible } = DEFAULT_SETTINGS;
    const sent: unknown[] = [];
    const Form = () => (
      <GeneralSettingsForm
        current={{ ...visible, tmdbApiKeySet: false }}
        saving={false}
        onSave={async (patch) => void sent.push(patch)}
      />
    );
    // The form asks before the router leaves with unsaved changes, so it lives inside one.
    const { container, findByRole, getByLabelText } = render(() => (
      <MemoryRouter>
        <Route path="/" component={Form} />
      </MemoryRouter>
    ));
    const save = (await findByRole("button", { name: "Save settings" })) as HTMLButtonElement;
    const field = getByLabelText("Series loaded at the same time") as HTMLInputElement;
    fireEvent.input(field, { target: { value: "2.5" } });
    expect(container.textContent).toContain("Series loaded at the same time: enter a whole number");
    expect(container.textContent).not.toContain("loaderConcurrency");
    expect(save.disabled).toBe(true);
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    fireEvent.input(field, { target: { value: "3" } });
    expect(save.disabled).toBe(false);
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(sent).toEqual([{ loaderConcurrency: 3 }]);
  });
});

describe("Settings → Connections", () => {
  function renderForm(current: { flaresolverrUrl: string; proxyUrl: string }, sent: unknown[]) {
    const { tmdbApiKey: _secret, ...visible } = DEFAULT_SETTINGS;
    const Form = () => (
      <GeneralSettingsForm
        current={{ ...visible, ...current, tmdbApiKeySet: false }}
        saving={false}
        onSave={async (patch) => void sent.push(patch)}
      />
    );
    return render(() => (
      <MemoryRouter>
        <Route path="/" component={Form} />
      </MemoryRouter>
    ));
  }

  test("saves only what changed: a new FlareSolverr URL, an untouched proxy stays out of the patch", async () => {
    const sent: unknown[] = [];
    const { container, findByLabelText } = renderForm(
      { flaresolverrUrl: "", proxyUrl: "http://proxy.lan:3128" },
      sent,
    );
    fireEvent.input(await findByLabelText("FlareSolverr URL"), {
      target: { value: " http://127.0.0.1:8191 " },
    });
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(sent).toEqual([{ flaresolverrUrl: "http://127.0.0.1:8191" }]);
  });

  test("clearing the proxy sends an empty value (back to ANIWORLD_PROXY_URL)", async () => {
    const sent: unknown[] = [];
    const { container, findByLabelText } = renderForm(
      { flaresolverrUrl: "http://fs:8191", proxyUrl: "socks5://127.0.0.1:1080" },
      sent,
    );
    fireEvent.input(await findByLabelText("Outbound proxy (http://, https:// or socks5://)"), {
      target: { value: "" },
    });
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(sent).toEqual([{ proxyUrl: "" }]);
  });

  test("a proxy URL the server would refuse is named in plain words and keeps Save off", async () => {
    const sent: unknown[] = [];
    const { container, findByLabelText, getByRole } = renderForm({ flaresolverrUrl: "", proxyUrl: "" }, sent);
    fireEvent.input(await findByLabelText("Outbound proxy (http://, https:// or socks5://)"), {
      target: { value: "ftp://proxy.lan" },
    });
    expect(container.textContent).toContain("Outbound proxy:");
    expect((getByRole("button", { name: "Save settings" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(container.querySelector("form") as HTMLFormElement);
    await Promise.resolve();
    expect(sent).toEqual([]);
  });
});
