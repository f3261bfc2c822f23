import { fireEvent, render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, test } from "vitest";
import { OrderedListEditor } from "../../../client/src/components/ordered-list-editor.tsx";

describe("ordered list editor", () => {
  test("moves, enables and disables options with buttons and checkboxes", () => {
    const [value, setValue] = createSignal<string[]>(["de", "de-sub"]);
    const { getByLabelText, getAllByRole } = render(() => (
      <OrderedListEditor
        label="Languages"
        options={["de", "de-sub", "en-sub"]}
        value={value()}
        onChange={setValue}
        minEnabled={1}
      />
    ));
    fireEvent.click(getByLabelText("Move de-sub up"));
    expect(value()).toEqual(["de-sub", "de"]);
    const boxes = getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([true, true, false]);
    fireEvent.click(boxes[2] as HTMLInputElement);
    expect(value()).toEqual(["de-sub", "de", "en-sub"]);
    fireEvent.click(getByLabelText("Move de-sub up"));
    expect(value()).toEqual(["de-sub", "de", "en-sub"]);
  });

  test("keeps at least minEnabled options", () => {
    const [value, setValue] = createSignal<string[]>(["de"]);
    const { getAllByRole } = render(() => (
      <OrderedListEditor
        label="L"
        options={["de", "en"]}
        value={value()}
        onChange={setValue}
        minEnabled={1}
      />
    ));
    fireEvent.click(getAllByRole("checkbox")[0] as HTMLInputElement);
    expect(value()).toEqual(["de"]);
  });
});
