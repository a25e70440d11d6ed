/**
 * The timeline's rows: meetings in the server's date order, each visit followed by the
 * meetings that were part of it (indented), wherever those fall in the order.
 */
import type { ExplorerMeeting } from './meeting-pages';

export interface TimelineRow {
  meeting: ExplorerMeeting;
  /** 0 for a meeting on its own or a visit, 1 for a part of a visit shown above it. */
  depth: number;
  /** How many loaded meetings are part of this one. */
  partCount: number;
}

/** The rows of `meetings`; a part whose visit is not loaded stands on its own. */
export function timelineRows(meetings: readonly ExplorerMeeting[]): TimelineRow[] {
  const loaded = new Set(meetings.map((meeting) => meeting.id));
  const parts = new Map<string, ExplorerMeeting[]>();
  for (const meeting of meetings) {
    const parent = meeting.partOf?.id;
    if (parent !== undefined && loaded.has(parent)) parts.set(parent, [...(parts.get(parent) ?? []), meeting]);
  }
  const rows: TimelineRow[] = [];
  const placed = new Set<string>();
  const place = (meeting: ExplorerMeeting, depth: number) => {
    if (placed.has(meeting.id)) return;
    placed.add(meeting.id);
    const children = parts.get(meeting.id) ?? [];
    rows.push({ meeting, depth, partCount: children.length });
    for (const child of children) place(child, Math.min(depth + 1, 3));
  };
  for (const meeting of meetings) {
    const parent = meeting.partOf?.id;
    if (parent === undefined || !loaded.has(parent)) place(meeting, 0);
  }
  // Cycles cannot be stored, but a row must never vanish: place anything left over.
  for (const meeting of meetings) place(meeting, 0);
  return rows;
}
