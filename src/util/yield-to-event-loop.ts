/**
 * Lets the event loop run what waits (answers, timers, sockets) before the caller goes on: work
 * done in steps between two of these holds the loop for one step at a time, not for all of them.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
