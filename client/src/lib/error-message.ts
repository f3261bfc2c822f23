import { TRPCClientError } from "@trpc/client";

export const UNREACHABLE_MESSAGE = "The server cannot be reached. Try again once it is back.";

/** Field problems the server reported for a bad input (path like "hosterOrder.2"), if any. */
export function inputIssues(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof TRPCClientError)) return [];
  const issues: unknown = error.data?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((i: unknown) =>
    typeof i === "object" && i !== null && "message" in i && typeof i.message === "string"
      ? [{ path: "path" in i && typeof i.path === "string" ? i.path : "", message: i.message }]
      : [],
  );
}

/**
 * The one way the web app turns an error into words for the user: the server's own message when it
 * answered (it never carries internals; field problems without their internal paths), "cannot be reached"
 * when no answer came at all (never the browser's "Failed to fetch"), a generic line otherwise.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && (error.data || error.shape)) {
    const issues = inputIssues(error);
    if (issues.length) return sentence(issues.map((i) => i.message).join("; "));
    return sentence(error.message);
  }
  if (error instanceof TRPCClientError || error instanceof TypeError) return UNREACHABLE_MESSAGE;
  if (error instanceof Error && error.message) return sentence(error.message);
  return "Something went wrong.";
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return "Something went wrong.";
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? "" : "."}`;
}
