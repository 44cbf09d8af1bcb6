/**
 * CSV exports of every dashboard table, built from the presented view (so from suppressed strings
 * only). Cells go through the accounts' csvCell (RFC 4180 quoting, formula neutralising); a cell
 * that is only a signed whole number ("-3", "+12") is written as it is, because it cannot be a
 * formula and an apostrophe would turn a change into text in a spreadsheet.
 */
import { FIGURE_KEYS, FIGURE_LABELS } from '../../dashboard/figures.ts';
import { sortRows, type SortState } from '../../dashboard/sort.ts';
import type { DashboardView } from '../../dashboard/view.ts';
import { csvCell } from '../audit/csv.ts';

export const CSV_TABLES = [
  'figures',
  'series',
  'breakdown',
  'gaps-areas',
  'gaps-agencies',
  'gaps-stalled',
  'map-links',
  'map-agencies'
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function isCsvTable(name: string): name is CsvTable {
  return (CSV_TABLES as readonly string[]).includes(name);
}

const SIGNED_INTEGER = /^[+-]?\d{1,15}$/;

export function dashboardCell(value: string | boolean): string {
  const text = String(value);
  return SIGNED_INTEGER.test(text) ? text : csvCell(text);
}

export function dashboardCsv(header: string[], rows: (string | boolean)[][]): string {
  return [header, ...rows].map((row) => row.map(dashboardCell).join(',')).join('\r\n') + '\r\n';
}

type Table = { header: string[]; rows: (string | boolean)[][] };

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function series(view: DashboardView): Table {
  const totals = view.series.filter((s) => s.kind === 'total');
  const weekly = view.series.find((s) => s.kind === 'weekly');
  const length = Math.max(0, ...totals.map((s) => s.points.length));
  const rows = Array.from({ length }, (_, i) => [
    i === length - 1 ? `${totals[0]?.points[i]?.at ?? ''} (now)` : (totals[0]?.points[i]?.at ?? ''),
    ...totals.map((s) => s.points[i]?.value ?? ''),
    weekly?.points[i]?.value ?? ''
  ]);
  return {
    header: [
      'Week starting',
      ...totals.map((s) => s.label),
      weekly?.label ?? 'New memberships per week'
    ],
    rows
  };
}

export function csvTable(view: DashboardView, table: CsvTable, sort: SortState): Table {
  switch (table) {
    case 'figures':
      return {
        header: ['Figure', 'Now', `At the start of the period (${view.periodLabel})`, 'Change'],
        rows: view.figures.map((f) => [f.label, f.value, f.then, f.change])
      };
    case 'series':
      return series(view);
    case 'breakdown':
      return {
        header: [
          'Area',
          'Code',
          'Level',
          ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k]),
          'Change in memberships'
        ],
        rows: sortRows(view.breakdown, sort).map((r) => [
          r.name,
          r.code,
          r.level,
          ...FIGURE_KEYS.map((k) => r[k]),
          r.membershipsChange
        ])
      };
    case 'gaps-areas':
      return {
        header: [
          'Area',
          'Code',
          'Clients with one practitioner',
          'Teams without a lead',
          'Stale memberships'
        ],
        rows: view.gaps.byArea.map((r) => [r.name, r.code, r.oneWorker, r.noLead, r.stale])
      };
    case 'gaps-agencies':
      return {
        header: ['Agency', 'Kind'],
        rows: view.gaps.idleAgencyList.map((a) => [a.name, a.kind])
      };
    case 'gaps-stalled':
      return {
        header: ['Council area', 'Code', 'Ever had a membership'],
        rows: view.gaps.stalledAreaList.map((a) => [a.name, a.code, yesNo(a.everHad)])
      };
    case 'map-links':
      return {
        header: ['Agency', 'Agency', 'Shared clients'],
        rows: view.map.edges.map((e) => [e.sourceName, e.targetName, e.sharedClients])
      };
    case 'map-agencies':
      return {
        header: ['Agency', 'Kind', 'Practitioners on teams here'],
        rows: view.map.nodes.map((n) => [n.name, n.kind, n.practitioners])
      };
  }
}

export function dashboardCsvFile(view: DashboardView, table: CsvTable, sort: SortState): string {
  const { header, rows } = csvTable(view, table, sort);
  return dashboardCsv(header, rows);
}
