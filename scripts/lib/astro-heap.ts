/**
 * The V8 heap flags `npm run build` gives the `astro build` child (issue #15: peak memory at
 * 10,000 incidents). Left alone, V8 lets the heap grow far past what the build holds: at 10,000
 * incidents the live data stays near 110 MB (the model is about 2.3 times the snapshot's JSON,
 * plus Astro's own) while the process reached 730–850 MB of mostly garbage. A cap makes V8 collect
 * sooner (peak about 420 MB); it grows with the snapshot so a longer history never runs out of
 * heap. The young generation is set back to 16 MB because V8 sizes it from the cap (a 256 MB cap
 * gave 2 MB semi-spaces and about 30% more CPU time). The cap still costs about 15% more CPU time
 * at 10,000 incidents; README "Scale: long histories" says why it is kept.
 */

/** Heap floor, MB: the demo and short histories. */
const FLOOR_MB = 256;
/** What the build holds besides the model, MB. */
const BASE_MB = 128;
/** Heap per MB of snapshot JSON: the model (about 2.3×) with room to collect in. */
const PER_SNAPSHOT_MB = 6;
const SEMI_SPACE_MB = 16;

/**
 * Node flags for the Astro child, given the snapshot's size in bytes (null for the demo or a
 * missing file) and the NODE_OPTIONS it inherits: a flag the user set there is left to them.
 */
export function astroHeapFlags(snapshotBytes: number | null, nodeOptions = ''): string[] {
  const flags: string[] = [];
  if (!/--max-old-space-size\b/.test(nodeOptions)) {
    const snapshotMb = Math.ceil((snapshotBytes ?? 0) / 2 ** 20);
    flags.push(`--max-old-space-size=${Math.max(FLOOR_MB, BASE_MB + PER_SNAPSHOT_MB * snapshotMb)}`);
  }
  if (!/--max-semi-space-size\b/.test(nodeOptions)) flags.push(`--max-semi-space-size=${SEMI_SPACE_MB}`);
  return flags;
}
