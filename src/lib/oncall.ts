/**
 * Who is on call at a given moment: a pure function of the `oncall` config and `now`. Windows are
 * UTC, may cross midnight ("15:00"–"03:00"), and belong to the day they start on (a Monday
 * 15:00–03:00 window runs into Tuesday). Overlaps are config errors; gaps are allowed.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A rotation as the config schema (schema/response.ts) gives it. */
export interface Rotation {
  name: string;
  /** UTC "HH:MM". */
  start: string;
  /** UTC "HH:MM"; before `start` crosses midnight, equal means all day. */
  end: string;
  responders: readonly string[];
  days?: readonly Weekday[] | undefined;
}

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/** The rotation on call at `now`, with its responders in paging order; null in a gap. */
export interface OnCall {
  rotation: string;
  /** First is primary, second secondary, … */
  responders: readonly string[];
}

interface Window {
  /** Minutes from Monday 00:00 UTC. */
  start: number;
  length: number;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The weekly windows of one rotation. */
function windowsOf(rotation: Rotation): Window[] {
  const start = minutesOf(rotation.start);
  const end = minutesOf(rotation.end);
  const length = end > start ? end - start : end < start ? DAY - start + end : DAY;
  const days = rotation.days ?? WEEKDAYS;
  return days.map((day) => ({ start: WEEKDAYS.indexOf(day) * DAY + start, length }));
}

/** Distance going forward from `from` to `to` on the weekly circle. */
function forward(from: number, to: number): number {
  return (((to - from) % WEEK) + WEEK) % WEEK;
}

function minuteOfWeek(now: Date): number {
  return ((now.getUTCDay() + 6) % 7) * DAY + now.getUTCHours() * 60 + now.getUTCMinutes();
}

export function findOnCall(oncall: { rotations: readonly Rotation[] }, now: Date): OnCall | null {
  const minute = minuteOfWeek(now);
  for (const rotation of oncall.rotations) {
    if (windowsOf(rotation).some((w) => forward(w.start, minute) < w.length)) {
      return { rotation: rotation.name, responders: rotation.responders };
    }
  }
  return null;
}

/** "Europe and US overlap on mon 14:00" for every pair of rotations whose windows overlap. */
export function findRotationOverlaps(rotations: readonly Rotation[]): string[] {
  const problems: string[] = [];
  rotations.forEach((a, i) => {
    rotations.slice(i + 1).forEach((b) => {
      for (const wa of windowsOf(a)) {
        const wb = windowsOf(b).find((w) => forward(wa.start, w.start) < wa.length || forward(w.start, wa.start) < w.length);
        if (!wb) continue;
        const at = forward(wa.start, wb.start) < wa.length ? wb.start : wa.start;
        const day = WEEKDAYS[Math.floor(at / DAY)];
        const clock = `${String(Math.floor((at % DAY) / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`;
        problems.push(`rotations "${a.name}" and "${b.name}" overlap (both on call ${day} ${clock} UTC)`);
        return;
      }
    });
  });
  return problems;
}
