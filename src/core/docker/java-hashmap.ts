// Mirrors the iteration order of java.util.HashMap<String, ?>, the map behind Flink's Configuration:
// when the entrypoint makes Flink rewrite config.yaml, keys reach the YAML writer in this order.

/** String.hashCode(): 31-polynomial over UTF-16 code units, wrapped to 32 bits (unsigned here). */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h >>> 0;
}

/** HashMap.hash(): the high half XORed into the low half before masking with the table size. */
function spread(h: number): number {
  return (h ^ (h >>> 16)) >>> 0;
}

/** HashMap.tableSizeFor(): the smallest power of two >= c. */
function tableSizeFor(c: number): number {
  let n = 1;
  while (n < c) n *= 2;
  return n;
}

/**
 * Keys with their values in java.util.HashMap iteration order: by bucket index under the final
 * table size, and within one bucket in insertion order (resizing splits buckets keeping relative
 * order; a re-put key keeps its place). Tree bins (8+ collisions in one bucket) are not modelled.
 */
export class JavaHashMap<V> {
  private readonly slots = new Map<string, { value: V; seq: number }>();
  private seq = 0;
  private capacity = 0; // 0: no table yet (`new HashMap<>()` allocates lazily)
  private threshold = 0; // before the first allocation: the presized capacity, if any

  get size(): number {
    return this.slots.size;
  }

  get tableSize(): number {
    return this.capacity;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  get(key: string): V | undefined {
    return this.slots.get(key)?.value;
  }

  put(key: string, value: V): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      slot.value = value;
      return;
    }
    if (this.capacity === 0) this.resize();
    this.slots.set(key, { value, seq: this.seq++ });
    if (this.slots.size > this.threshold) this.resize();
  }

  /** HashMap.putAll: presizes an unallocated table, grows once for a big argument, then puts. */
  putAll(other: JavaHashMap<V>): void {
    const s = other.size;
    if (s > 0) {
      if (this.capacity === 0) {
        // (float) s / loadFactor + 1.0F, truncated
        const t = Math.trunc(Math.fround(Math.fround(s / 0.75) + 1));
        if (t > this.threshold) this.threshold = tableSizeFor(t);
      } else if (s > this.threshold) {
        this.resize();
      }
    }
    for (const [k, v] of other.entries()) this.put(k, v);
  }

  private resize(): void {
    if (this.capacity > 0) this.capacity *= 2;
    else this.capacity = this.threshold > 0 ? this.threshold : 16;
    this.threshold = Math.trunc(this.capacity * 0.75);
  }

  /** The entries in the order a Java for-each over entrySet() visits them. */
  entries(): [string, V][] {
    const mask = Math.max(this.capacity, 1) - 1;
    return [...this.slots.entries()]
      .map(([k, s]) => ({ k, v: s.value, seq: s.seq, bucket: spread(javaStringHash(k)) & mask }))
      .sort((a, b) => a.bucket - b.bucket || a.seq - b.seq)
      .map((e): [string, V] => [e.k, e.v]);
  }
}
