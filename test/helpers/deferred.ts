/**
 * A promise the test settles by hand: a gate a fake holds work at, or a signal that a fake has got
 * somewhere. Tests wait on these instead of sleeping, so they say what happens first by
 * construction rather than by how fast the machine is.
 */
export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
