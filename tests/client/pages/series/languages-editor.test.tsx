import { fireEvent, render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, test } from "vitest";
import { LanguagesEditor } from "../../../../client/src/pages/series/languages-editor.tsx";
import type { Language } from "../../../../shared/languages.ts";

const GLOBAL: Language[] = ["de", "de-sub", "en-sub"];

function setup(initial: Language[] | null) {
  const [value, setValue] = createSignal<Language[] | null>(initial);
  const saved: (Language[] | null)[] = [];
  const view = render(() => (
    <LanguagesEditor
      value={value()}
      globalDefault={GLOBAL}
      onSave={(next) => {
        saved.push(next);
        setValue(next);
      }}
    />
  ));
  const radio = (name: RegExp) => view.getByRole("radio", { name }) as HTMLInputElement;
  const save = () => view.getByRole("button", { name: /save languages/i }) as HTMLButtonElement;
  return { ...view, value, setValue, saved, radio, save };
}

describe("series languages editor", () => {
  test("a series on the global default: the default is named, nothing to save until something changes", () => {
    const { radio, save, queryByRole } = setup(null);
    expect(radio(/global default/i).checked).toBe(true);
    expect(radio(/global default/i).labels?.[0]?.textContent).toContain(
      "German Dub, German Sub, English Sub",
    );
    expect(queryByRole("group", { name: /languages of this series/i })).toBeNull();
    expect(save().disabled).toBe(true);
  });

  test("switching to an own order starts from the global one; reorder and save with the keyboard-reachable buttons", () => {
    const { radio, save, getByLabelText, getByRole, saved } = setup(null);
    fireEvent.click(radio(/own order/i));
    expect(getByRole("group", { name: /languages of this series/i })).toBeTruthy();
    // Even the unchanged global order is a change: the series stops following the global setting.
    expect(save().disabled).toBe(false);
    fireEvent.click(getByLabelText("Move English Sub up"));
    fireEvent.click(getByLabelText("Move English Sub up"));
    fireEvent.click(save());
    expect(saved).toEqual([["en-sub", "de", "de-sub"]]);
    // Saved: the draft equals the value again.
    expect(save().disabled).toBe(true);
  });

  test("an own order is shown as saved; never fewer than one language; back to the default saves null", () => {
    const { radio, save, getAllByRole, saved } = setup(["en"]);
    expect(radio(/own order/i).checked).toBe(true);
    const boxes = getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, false, false, false]);
    fireEvent.click(boxes[0] as HTMLInputElement);
    expect((getAllByRole("checkbox")[0] as HTMLInputElement).checked).toBe(true);
    expect(save().disabled).toBe(true);
    fireEvent.click(radio(/global default/i));
    fireEvent.click(save());
    expect(saved).toEqual([null]);
  });

  test("a new saved value from the server replaces the draft", () => {
    const { radio, setValue, getAllByRole } = setup(null);
    setValue(["de-sub", "en"]);
    expect(radio(/own order/i).checked).toBe(true);
    const labels = getAllByRole("listitem").map((li) => li.textContent ?? "");
    expect(labels[0]).toContain("German Sub");
    expect(labels[1]).toContain("English Dub");
  });
});
