/** The message of a thrown value, for logs and results (anything can be thrown, not only an Error). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
