/** The headline figures, in the order the dashboard shows them, with their labels. */

export const FIGURE_KEYS = [
  'practitioners',
  'agencies',
  'clients',
  'activeTeams',
  'memberships',
  'circleLinks',
  'openAttentions'
] as const;

export type FigureKey = (typeof FIGURE_KEYS)[number];

/** Raw counts, server-side only: everything that leaves the server goes through suppress(). */
export type Figures = Record<FigureKey, number>;

export const FIGURE_LABELS: Record<FigureKey, string> = {
  practitioners: 'Practitioners',
  agencies: 'Agencies',
  clients: 'Clients',
  activeTeams: 'Active teams',
  memberships: 'Current memberships',
  circleLinks: 'Circle links',
  openAttentions: 'Open attentions'
};

/** What each figure counts, for the page's definitions and the docs. */
export const FIGURE_HELP: Record<FigureKey, string> = {
  practitioners: 'Active practitioners working at an agency that serves the area.',
  agencies: 'Agencies that serve the area or an area within it.',
  clients: 'Clients living in the area.',
  activeTeams: 'Clients with at least one current team member.',
  memberships: 'Current team memberships of clients in the area.',
  circleLinks: 'Family, household and significant-other links of clients in the area.',
  openAttentions: 'Attentions about clients in the area that are not resolved.'
};

export function emptyFigures(): Figures {
  return {
    practitioners: 0,
    agencies: 0,
    clients: 0,
    activeTeams: 0,
    memberships: 0,
    circleLinks: 0,
    openAttentions: 0
  };
}
