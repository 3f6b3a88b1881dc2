/**
 * A promise whose work starts only when someone waits for it (`await`, `.then`): for loads that most
 * runs never need — the English index, when every question is Chinese — but that whoever needs them
 * simply awaits, like any promise. `.catch` and `.finally` alone start nothing (they return another
 * promise on demand), so marking it handled does not load it either.
 */
export function onDemand<T>(load: () => Promise<T>): Promise<T> {
  let started: Promise<T> | undefined;
  return new OnDemand(() => (started ??= load()));
}

class OnDemand<T> implements Promise<T> {
  readonly [Symbol.toStringTag] = "Promise";
  constructor(private readonly start: () => Promise<T>) {}

  // biome-ignore lint/suspicious/noThenProperty: this object is a promise, started by its first `then`.
  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.start().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return new OnDemand(() => this.start().catch(onRejected));
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return new OnDemand(() => this.start().finally(onFinally));
  }
}
