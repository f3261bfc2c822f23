import * as v from "valibot";
import { AddSeriesInputSchema, type AddSeriesOptions } from "../../../shared/series-loading.ts";

export const ADD_OPTIONS_KEY = "aniworld.addOptions";
const StoredSchema = v.omit(AddSeriesInputSchema, ["catalogKey"]);

/** The add form's last choices in this browser (validated: a bad stored value falls back to none). */
export function loadAddOptions(): AddSeriesOptions {
  try {
    const raw = globalThis.localStorage?.getItem(ADD_OPTIONS_KEY);
    const parsed = v.safeParse(StoredSchema, raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.output : {};
  } catch {
    return {};
  }
}

export function saveAddOptions(options: AddSeriesOptions): void {
  try {
    globalThis.localStorage?.setItem(ADD_OPTIONS_KEY, JSON.stringify(options));
  } catch {
    // Storage full or blocked: the choice just is not remembered.
  }
}
