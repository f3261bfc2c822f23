import type { Page } from "playwright-core";

/**
 * Calls a tRPC procedure from inside the page (same origin, the page's session cookie), for test setup
 * that the UI under test is not about. Returns the procedure's data; throws with the server's message.
 */
export async function callApi<T = unknown>(
  page: Page,
  kind: "query" | "mutation",
  path: string,
  input?: unknown,
): Promise<T> {
  const answer = await page.evaluate(
    async ([kind, path, input]) => {
      const encoded = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const res =
        kind === "query"
          ? await fetch(`/trpc/${path}${encoded}`)
          : await fetch(`/trpc/${path}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(input ?? null),
            });
      return (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
    },
    [kind, path, input] as const,
  );
  if (answer.error || !answer.result) throw new Error(`${path}: ${answer.error?.message ?? "no result"}`);
  return answer.result.data as T;
}
