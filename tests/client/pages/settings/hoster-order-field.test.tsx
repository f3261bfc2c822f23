import { fireEvent, render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, test } from "vitest";
import { HosterOrderField } from "../../../../client/src/pages/settings/hoster-order-field.tsx";

function setup(initial: string[]) {
  const [value, setValue] = createSignal<string[]>(initial);
  const view = render(() => <HosterOrderField value={value()} saved={initial} onChange={setValue} />);
  const text = view.getByLabelText(/comma separated/) as HTMLInputElement;
  const boxes = () => view.getAllByRole("checkbox") as HTMLInputElement[];
  const names = () => boxes().map((b) => b.parentElement?.textContent?.replace(/^\d+\./, "").trim());
  return { ...view, value, text, boxes, names };
}

describe("hoster order field", () => {
  test("a hoster switched off stays in the list, ready to switch on again", () => {
    const { value, boxes, names } = setup(["VOE", "Vidoza", "Filemoon"]);
    fireEvent.click(boxes()[1] as HTMLInputElement);
    expect(value()).toEqual(["VOE", "Filemoon"]);
    expect(names()).toContain("Vidoza");
    const vidoza = boxes().find((b) => b.parentElement?.textContent?.includes("Vidoza")) as HTMLInputElement;
    expect(vidoza.checked).toBe(false);
    fireEvent.click(vidoza);
    expect(value()).toEqual(["VOE", "Filemoon", "Vidoza"]);
  });

  test("typed duplicates are dropped (any case), and typing keeps the other hosters offered", () => {
    const { value, text, names } = setup(["VOE", "Vidoza"]);
    fireEvent.change(text, { target: { value: "vidoza, VOE, voe, , Vidoza, Newhost" } });
    expect(value()).toEqual(["vidoza", "VOE", "Newhost"]);
    expect(text.value).toBe("vidoza, VOE, Newhost");
    expect(names().filter((n) => n?.toLowerCase() === "vidoza")).toHaveLength(1);
    expect(names()).toContain("Doodstream");
  });
});
