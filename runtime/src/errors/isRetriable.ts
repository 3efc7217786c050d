/**
 * ksdk's one retriability rule: an error is retriable unless it says
 * `retriable: false`. Errors without the property (a `TypeError`, a failed
 * `fetch`, anything a handler throws) are worth another attempt; a `KsdkError`
 * always carries the flag (false unless its code says otherwise: a schema or
 * decode failure does not heal by trying again); your own errors opt out with
 * `retriable: false`. Retry decisions read only this, never message text.
 */
export function isRetriable(error: unknown): boolean {
  return (error as { retriable?: unknown } | null | undefined)?.retriable !== false;
}
