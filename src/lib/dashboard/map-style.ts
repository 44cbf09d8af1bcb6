/** The collaboration map's Cytoscape stylesheet (its own module, as react-cytoscapejs keeps it). */
import type { StylesheetJson } from 'cytoscape';

/** Agencies of a kind without a colour of its own (the sensitive services among them). */
export const OTHER_COLOUR = '#64748b';

export const KIND_COLOURS: Record<string, string> = {
  CHILD_PROTECTION: '#1d4ed8',
  POLICE: '#1e293b',
  SCHOOL: '#b45309',
  GP: '#0f766e',
  HEALTH: '#15803d',
  MENTAL_HEALTH: '#7c3aed',
  HOUSING: '#a16207',
  YOUTH_JUSTICE: '#be123c',
  JOB_CENTRE: '#4d7c0f',
  EARLY_HELP: '#0369a1',
  DOMESTIC_VIOLENCE: '#9d174d',
  DRUG_ALCOHOL: '#c2410c',
  SEXUAL_HEALTH: '#6d28d9'
};

export const MAP_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      width: 'data(size)',
      height: 'data(size)',
      'background-color': OTHER_COLOUR,
      label: 'data(label)',
      'font-size': 10,
      color: '#0f172a',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '130px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px'
    }
  },
  ...Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { 'background-color': colour }
  })),
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': '#94a3b8',
      'curve-style': 'straight',
      label: 'data(label)',
      'font-size': 9,
      // A dense map shows its link numbers once zoomed in (every number is in the table too).
      'min-zoomed-font-size': 7,
      color: '#334155',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px'
    }
  },
  {
    selector: 'node:selected',
    style: { 'border-width': 3, 'border-color': '#f59e0b' }
  }
];

export const MAP_LAYOUT = {
  name: 'fcose',
  // The map holds at most 100 agencies (LIMITS.mapNodes): fcose's default quality lays that out
  // in well under a second, far below where DESIGN.md says it gets slow.
  quality: 'default',
  animate: false,
  randomize: true,
  // Spread out: shared clients make maps dense, and labels need room.
  nodeRepulsion: 60_000,
  idealEdgeLength: 170,
  nodeSeparation: 120,
  padding: 24
} as const;
