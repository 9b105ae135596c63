// Plain code-unit comparison of strings. Not localeCompare: the order is the same on every machine,
// and the first localeCompare of a process loads ICU's collator (about 12 ms, on every commit).
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
