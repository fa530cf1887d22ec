// Array helpers for lists whose length comes from the input. Spreading a list into a call's
// arguments (push, unshift, Math.max) passes every item as an argument, and past about 100,000 of
// them (a generated file's findings, say) it overflows the stack; these take the items one by one.

/** Adds `items` to the end of `to`; returns `to`. */
export function append<T>(to: T[], items: Iterable<T>): T[] {
  for (const x of items) to.push(x);
  return to;
}

/** Adds `items` to the front of `to`, in their order; returns `to`. */
export function prepend<T>(to: T[], items: Iterable<T>): T[] {
  const rest = to.splice(0);
  append(to, items);
  return append(to, rest);
}
