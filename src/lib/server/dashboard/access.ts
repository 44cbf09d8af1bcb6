/**
 * Who may see which dashboard: admins everywhere; local leads the areas they LEAD and the areas
 * within them (lead-scope.ts: PART_OF at most two levels down); nobody else. Every refusal is
 * audited as 'access.denied' (DESIGN.md rule 5) here, so the page, the CSV and /graphql record
 * it once each.
 */
import { audit } from '../audit/audit.ts';
import { isAdmin, isLead, leadScope, type Actor } from '../accounts/lead-scope.ts';
import { dashboardQuery, type Db } from './fetch.ts';
import { ROOT_CODE, type AreaRef } from './types.ts';

/** Official council codes, state and district codes: letters, digits and dashes. */
const AREA_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export type AccessDenied = 'forbidden' | 'out-of-scope' | 'bad-area';

export type DashboardAccess =
  | {
      ok: true;
      /** The area to show (ROOT_CODE for an admin's "everywhere"). */
      areaCode: string;
      admin: boolean;
      /** Area codes in the lead's scope (empty for admins: everything). */
      scope: ReadonlySet<string>;
      /** The areas a lead LEADS (empty for admins). */
      led: AreaRef[];
    }
  | { ok: false; reason: AccessDenied };

export interface AccessContext {
  ip?: string | null;
  /** Where the refusal happened, for the audit record: '/dashboard', '/graphql', ... */
  path: string;
}

async function deny(
  actor: Actor,
  reason: AccessDenied,
  areaCode: string | null,
  ctx: AccessContext
): Promise<{ ok: false; reason: AccessDenied }> {
  if (reason !== 'bad-area') {
    await audit({
      type: 'access.denied',
      actorId: actor.id,
      ip: ctx.ip ?? null,
      data: { path: ctx.path, area: areaCode, reason }
    });
  }
  return { ok: false, reason };
}

async function ledAreas(db: Db, actorId: string): Promise<AreaRef[]> {
  const { records } = await db.driver.executeQuery(
    dashboardQuery('led-areas'),
    { id: actorId },
    { database: db.database, routing: 'READ' }
  );
  return records.map((r) => r.toObject() as AreaRef);
}

export async function dashboardAccess(
  db: Db,
  actor: Actor,
  requested: string | null | undefined,
  ctx: AccessContext
): Promise<DashboardAccess> {
  const areaCode = requested?.trim() || null;
  if (areaCode !== null && !AREA_CODE.test(areaCode)) {
    return deny(actor, 'bad-area', null, ctx);
  }
  if (isAdmin(actor)) {
    return { ok: true, areaCode: areaCode ?? ROOT_CODE, admin: true, scope: new Set(), led: [] };
  }
  if (!isLead(actor)) return deny(actor, 'forbidden', areaCode, ctx);
  // Both in one round trip: the request waits for the slower, not for the sum.
  const [scope, led] = await Promise.all([leadScope(actor), ledAreas(db, actor.id)]);
  if (!scope || scope.all) return deny(actor, 'forbidden', areaCode, ctx);
  const first = led[0]?.code;
  if (areaCode === null) {
    // A lead who leads nothing (yet) has no dashboard to open.
    if (first === undefined) return deny(actor, 'out-of-scope', null, ctx);
    return { ok: true, areaCode: first, admin: false, scope: new Set(scope.codes), led };
  }
  if (!scope.codes.includes(areaCode)) return deny(actor, 'out-of-scope', areaCode, ctx);
  return { ok: true, areaCode, admin: false, scope: new Set(scope.codes), led };
}
