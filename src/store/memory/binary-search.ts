/** Binary searches over the memory engine's sorted arrays. */

/** The first index in [low, high) for which the monotone predicate holds, or high. */
export function firstIndexWhere(high: number, predicate: (index: number) => boolean, low = 0): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (predicate(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether the ascending list holds `value`. */
export function sortedHas(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const at = list[middle]!;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle;
  }
  return false;
}
