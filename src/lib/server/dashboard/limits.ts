/** Bounds of what a snapshot keeps and the rules behind the gaps (docs/dashboard.md). */
export const LIMITS = {
  /** Agencies and stalled council areas listed in the gaps (the counts cover them all). */
  list: 200,
  /** The collaboration map keeps the strongest links whose agencies fit in mapNodes. */
  mapEdges: 150,
  mapNodes: 100,
  /** No new membership for this long and a council area's growth has stalled. */
  stalledWeeks: 8,
  /** A current membership not confirmed for this long is stale (as the alerts' mark-stale job). */
  staleMonths: 6
} as const;
