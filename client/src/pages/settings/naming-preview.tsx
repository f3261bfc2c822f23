import { createMemo, Show } from "solid-js";
import {
  FOLDER_PLACEHOLDERS,
  NAMING_PLACEHOLDERS,
  previewName,
  renderSeriesFolder,
  SAMPLE_NAMING_VALUES,
  validateFolderTemplate,
} from "../../../../shared/naming.ts";

/** Live preview of folder and file names, rendered with the same pure functions the server uses. */
export function NamingPreview(props: { template: string; folderTemplate: string }) {
  const path = createMemo(() => {
    const file = previewName(props.template);
    if (!file.ok || !validateFolderTemplate(props.folderTemplate).ok) return null;
    return `${renderSeriesFolder(props.folderTemplate, SAMPLE_NAMING_VALUES)}/${file.path}`;
  });
  return (
    <div class="naming-preview" id="naming-preview" aria-live="polite">
      <Show when={path()}>
        {(p) => (
          <p>
            Preview: <code data-testid="naming-preview">{p()}</code>
          </p>
        )}
      </Show>
      <p class="muted">
        Folder placeholders: {FOLDER_PLACEHOLDERS.map((n) => `{${n}}`).join(" ")}. File placeholders:{" "}
        {NAMING_PLACEHOLDERS.map((n) => `{${n}}`).join(" ")}
      </p>
    </div>
  );
}
