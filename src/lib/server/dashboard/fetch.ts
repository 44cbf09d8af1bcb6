/**
 * Reads for the dashboard, each a named file in cypher/queries/dashboard-*.cypher, parameterised
 * and bounded by the selected area (PART_OF at most two levels down; clients by the indexed
 * councilCode). Only "everywhere" (ROOT_CODE) reads every area, and only the snapshot job asks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import {
  ROOT_CODE,
  type AgencyRef,
  type AgencyRow,
  type AreaRef,
  type AreaRows,
  type AreaTree,
  type ClientRow
} from './types.ts';

const cache = new Map<string, string>();

/** Read on first use, relative to the working directory like the migrations (the app and workers). */
export function dashboardQuery(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(
      path.resolve(process.cwd(), 'cypher/queries', `dashboard-${name}.cypher`),
      'utf8'
    );
    cache.set(name, text);
  }
  return text;
}

export interface Db {
  driver: Driver;
  database: string;
}

async function read(db: Db, name: string, params: Record<string, unknown>) {
  const { records } = await db.driver.executeQuery(dashboardQuery(name), params, {
    database: db.database,
    routing: 'READ'
  });
  return records.map((r) => r.toObject() as Record<string, unknown>);
}

const byName = (a: AreaRef, b: AreaRef) => a.name.localeCompare(b.name, 'en');

interface BelowRow extends AreaRef {
  child?: string;
}

function buildTree(area: AreaRef, ancestors: AreaRef[], below: BelowRow[]): AreaTree {
  const children = new Map<string, AreaRef>();
  const councils = new Map<string, AreaRef>();
  const childOf = new Map<string, string>();
  for (const row of below) {
    const child = row.child ?? row.code;
    childOf.set(row.code, child);
    if (row.code === child)
      children.set(row.code, { code: row.code, name: row.name, level: row.level });
    if (row.level === 'COUNCIL')
      councils.set(row.code, { code: row.code, name: row.name, level: row.level });
  }
  if (area.level === 'COUNCIL') councils.set(area.code, area);
  const councilAreas = [...councils.values()].sort(byName);
  return {
    area,
    ancestors,
    children: [...children.values()].sort(byName),
    councils: councilAreas.map((c) => c.code),
    councilAreas,
    subtree: [...new Set([area.code, ...childOf.keys()])].filter((c) => c !== ROOT_CODE),
    childOf
  };
}

/** The area's tree, or null when no area has that code. */
export async function readAreaTree(db: Db, code: string): Promise<AreaTree | null> {
  if (code === ROOT_CODE) return readRootTree(db);
  const [row] = await read(db, 'area-tree', { code });
  if (!row) return null;
  const area = { code: row.code, name: row.name, level: row.level } as AreaRef;
  const ancestors = (row.ancestors as (AreaRef & { depth: number })[])
    .sort((a, b) => b.depth - a.depth)
    .map(({ code, name, level }) => ({ code, name, level }));
  return buildTree(area, ancestors, row.below as BelowRow[]);
}

async function readRootTree(db: Db): Promise<AreaTree> {
  const rows = await read(db, 'root-tree', {});
  const below: BelowRow[] = [];
  for (const row of rows) {
    const state = row.code as string;
    below.push({ code: state, name: row.name as string, level: 'STATE', child: state });
    for (const x of row.below as AreaRef[]) below.push({ ...x, child: state });
  }
  return buildTree({ code: ROOT_CODE, name: 'Everywhere', level: 'ALL' }, [], below);
}

export async function readAreaRows(db: Db, tree: AreaTree): Promise<AreaRows> {
  const [clientRows, agencyRows] = await Promise.all([
    read(db, 'clients', { councils: tree.councils }),
    read(db, 'agencies', { areas: tree.subtree })
  ]);
  const clients = clientRows as unknown as ClientRow[];
  const ids = new Set<string>();
  for (const c of clients) for (const m of c.members) ids.add(m.practitioner);
  const agencyOf = new Map<string, string>();
  if (ids.size > 0) {
    for (const row of await read(db, 'practitioner-agencies', { ids: [...ids] })) {
      agencyOf.set(row.practitioner as string, row.agency as string);
    }
  }
  for (const c of clients)
    for (const m of c.members) m.agency = agencyOf.get(m.practitioner) ?? null;
  return { clients, agencies: agencyRows as unknown as AgencyRow[] };
}

export async function readAgencyNames(db: Db, ids: string[]): Promise<AgencyRef[]> {
  if (ids.length === 0) return [];
  return (await read(db, 'agency-names', { ids })) as unknown as AgencyRef[];
}

/** Areas the weekly job snapshots, biggest first. */
export async function readSnapshotAreas(db: Db): Promise<string[]> {
  return (await read(db, 'snapshot-areas', {})).map((r) => r.code as string);
}
