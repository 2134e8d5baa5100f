// Histogram periods: filling gaps and turning a brushed range into `date:A..B`.
import type { Bucket } from "./backend";

const DAY = 86_400_000;

function parseDay(p: string): number {
  const [y, m, d] = p.split("-").map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

function fmtDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The period after `p`. */
export function nextPeriod(p: string, bucket: Bucket): string {
  switch (bucket) {
    case "day":
      return fmtDay(parseDay(p) + DAY);
    case "week":
      return fmtDay(parseDay(p) + 7 * DAY);
    case "month": {
      const [y, m] = p.split("-").map(Number);
      return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
    }
    case "year":
      return String(Number(p) + 1);
  }
}

/** Buckets with the empty periods between them put back (up to `cap` bars). */
export function fillBuckets(
  buckets: [string, number][],
  bucket: Bucket,
  cap = 1500,
): [string, number][] {
  if (buckets.length < 2) return buckets;
  const counts = new Map(buckets);
  const out: [string, number][] = [];
  const last = buckets[buckets.length - 1][0];
  let p = buckets[0][0];
  while (out.length <= cap) {
    out.push([p, counts.get(p) ?? 0]);
    if (p >= last) return out;
    p = nextPeriod(p, bucket);
  }
  return buckets;
}

/** The last day a period covers, as a `date:` bound (weeks end on Sunday). */
export function periodEnd(p: string, bucket: Bucket): string {
  return bucket === "week" ? fmtDay(parseDay(p) + 6 * DAY) : p;
}

/** The filter term for periods `from` through `to` inclusive. */
export function dateRangeTerm(from: string, to: string, bucket: Bucket): string {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const end = periodEnd(b, bucket);
  return a === end ? `date:${a}` : `date:${a}..${end}`;
}
