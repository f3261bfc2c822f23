import { fireEvent, render } from "@solidjs/testing-library";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, test } from "vitest";
import { TmdbKeyForm } from "../../../../client/src/pages/settings/tmdb-key-form.tsx";

const refusal = () =>
  new TRPCClientError("TMDB refused this key: check that it is a v3 API key or v4 read token.", {
    result: {
      error: {
        message: "TMDB refused this key",
        code: -32600,
        data: { code: "BAD_REQUEST", httpStatus: 400 },
      },
    },
  } as never);

describe("TMDB key form", () => {
  test("a refused key is reported under the field, focus returns to it, nothing throws", async () => {
    const { getByLabelText, getByRole, getByTestId } = render(() => (
      <TmdbKeyForm isSet={false} saving={false} check={null} onSave={() => Promise.reject(refusal())} />
    ));
    const input = getByLabelText(/API key/) as HTMLInputElement;
    fireEvent.input(input, { target: { value: "wrong" } });
    fireEvent.click(getByRole("button", { name: "Save key" }));
    await new Promise((r) => setTimeout(r, 0));
    expect(getByTestId("tmdb-check").textContent).toContain("TMDB refused this key");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(input);
  });

  test("the check's answer is shown after a save", () => {
    const { getByTestId } = render(() => (
      <TmdbKeyForm
        isSet
        saving={false}
        check={{ status: "valid", message: "TMDB accepted the key." }}
        onSave={() => Promise.resolve()}
      />
    ));
    expect(getByTestId("tmdb-check").textContent).toBe("TMDB accepted the key.");
  });
});
