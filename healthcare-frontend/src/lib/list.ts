import type { Paginated } from './types';

/** Small lists (working hours, leave days) are read in one page; accept a plain list as well. */
export function unwrapList<T>(response: T[] | Paginated<T>): T[] {
  return Array.isArray(response) ? response : response.results;
}
