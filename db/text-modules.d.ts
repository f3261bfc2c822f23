// SQL migrations are imported as text (Bun's `with { type: "text" }`), which embeds them in the executable.
declare module "*.sql" {
  const text: string;
  export default text;
}
