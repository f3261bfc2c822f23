import { TRPCClientError } from "@trpc/client";

/**
 * The one way the web app turns an error into words for the user: the server's own message when it
 * answered (it never carries internals), "cannot be reached" when it did not, a generic line otherwise.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.data || error.shape) return error.message || "Something went wrong.";
    return "The server cannot be reached. Try again.";
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
