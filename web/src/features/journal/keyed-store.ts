import { useSyncExternalStore } from "react";

/**
 * Values by key with listeners by key: a change to one key re-renders only the components that
 * read that key. The journal grid keeps each cell here, so a keystroke repaints one cell, not
 * 2,450.
 */
export class KeyedStore<T> {
  private readonly values = new Map<string, T>();
  private readonly listeners = new Map<string, Set<() => void>>();

  get(key: string): T | undefined {
    return this.values.get(key);
  }

  set(key: string, value: T): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    for (const listener of this.listeners.get(key) ?? []) listener();
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }
}

export function useKeyed<T>(store: KeyedStore<T>, key: string): T | undefined {
  return useSyncExternalStore(
    (listener) => store.subscribe(key, listener),
    () => store.get(key),
  );
}

/** A single value with listeners (banner counts, dialogs). */
export class ValueStore<T> {
  private readonly listeners = new Set<() => void>();
  private value: T;

  constructor(value: T) {
    this.value = value;
  }

  get = (): T => this.value;

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function useValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
