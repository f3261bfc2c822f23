import { fireEvent, render, waitFor } from "@solidjs/testing-library";
import { describe, expect, test } from "vitest";
import { ConnectionForm } from "../../../../client/src/pages/settings/connection-form.tsx";
import type { ConnectionCreate, ConnectionView } from "../../../../shared/connections.ts";

const SAVED: ConnectionView = {
  id: 4,
  name: "Living room",
  kind: "jellyfin",
  enabled: true,
  url: "http://nas:8096",
  username: "",
  topic: "",
  events: [],
  pathMappings: [{ from: "/srv/anime", to: "/media/anime" }],
  secretSet: true,
  lastResult: null,
};

function setup(initial: ConnectionView | null) {
  const saved: ConnectionCreate[] = [];
  const view = render(() => (
    <ConnectionForm
      initial={initial}
      saving={false}
      onSave={async (input) => {
        saved.push(input);
      }}
      onCancel={() => {}}
    />
  ));
  return { ...view, saved };
}

describe("connection form", () => {
  test("editing: the saved secret is never shown, an empty field keeps it, path mappings are editable", async () => {
    const { getByLabelText, getByRole, saved } = setup(SAVED);
    const secret = getByLabelText("API key") as HTMLInputElement;
    expect(secret.value).toBe("");
    expect(secret.type).toBe("password");
    expect(secret.placeholder).toContain("leave empty to keep");
    fireEvent.input(getByLabelText("Path on the media server"), { target: { value: "/mnt/anime" } });
    fireEvent.click(getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).not.toHaveProperty("secret");
    expect(saved[0]?.pathMappings).toEqual([{ from: "/srv/anime", to: "/mnt/anime" }]);
  });

  test("a new ntfy connection asks for a topic, offers the events, and shows what is missing", async () => {
    const { getByLabelText, getByRole, getAllByRole, queryByText, saved } = setup(null);
    fireEvent.change(getByLabelText("Kind"), { target: { value: "ntfy" } });
    fireEvent.input(getByLabelText("Name"), { target: { value: "phone" } });
    fireEvent.input(getByLabelText("Server URL"), { target: { value: "https://ntfy.sh" } });
    expect(getAllByRole("checkbox").length).toBeGreaterThan(4);
    expect(queryByText(/path mapping/i)).toBeNull();
    fireEvent.click(getByRole("button", { name: "Save" }));
    await waitFor(() => expect(getByRole("alert").textContent).toContain("topic"));
    expect(saved).toHaveLength(0);
    fireEvent.input(getByLabelText("Topic"), { target: { value: "anime" } });
    fireEvent.input(getByLabelText(/access token/i), { target: { value: "tk_1" } });
    fireEvent.click(getByRole("button", { name: "Save" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toMatchObject({ kind: "ntfy", topic: "anime", secret: "tk_1", url: "https://ntfy.sh" });
  });
});
