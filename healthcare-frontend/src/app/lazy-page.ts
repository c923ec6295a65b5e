import { lazy, type ComponentType } from 'react';

/** `React.lazy` for a named export, so pages keep named exports and still split per route. */
export function lazyPage<P extends object, K extends string>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
