/**
 * Live preview of the naming template. Until the pure renderer (shared/naming.ts) lands, it shows the
 * template itself.
 */
export function NamingPreview(props: { template: string }) {
  return (
    <p class="naming-preview" id="naming-preview" aria-live="polite">
      Preview: <code data-testid="naming-preview">{props.template}</code>
    </p>
  );
}
