/**
 * Access reports: who viewed a client, what a practitioner viewed; leads see their areas only,
 * admins everything, others nothing; every report and refusal is audited; CSV is safe to open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  accessReportCsv,
  clientAccessReport,
  reportScope,
  userAccessReport
} from '../../src/lib/server/audit/access-report.service.ts';
import { audit } from '../../src/lib/server/audit/audit.ts';
import {
  addPerson,
  closeAll,
  createAccountsFixture,
  removeAccountsFixture,
  run,
  type AccountsFixture,
  type Person
} from './accounts-fixtures.ts';

let fx: AccountsFixture;
let sneaky: Person;

beforeAll(async () => {
  fx = await createAccountsFixture();
  // A name typed to attack whoever opens the export in a spreadsheet.
  sneaky = await addPerson(fx, 'Sneaky Formula', { agencyId: fx.agencyId });
  await run(
    'MATCH (p:Practitioner {id: $id}) SET p.name = \'=HYPERLINK("http://x.example","hi")\'',
    {
      id: sneaky.id
    }
  );
  const views: [string, string, string][] = [
    [fx.member.id, 'team.viewed', fx.client.id],
    [fx.member.id, 'circle.viewed', fx.client.id],
    [fx.member.id, 'graph.viewed', fx.otherClient.id],
    [sneaky.id, 'team.emailed', fx.client.id],
    [fx.outsider.id, 'team.viewed', fx.otherClient.id],
    [fx.outsider.id, 'team.viewed', fx.client.id]
  ];
  for (const [actorId, type, clientId] of views) {
    await audit({ type: type as 'team.viewed', actorId, clientId });
  }
  // Not a view: never in the report.
  await audit({ type: 'auth.signin', actorId: fx.member.id, clientId: fx.client.id });
});

afterAll(async () => {
  await removeAccountsFixture(fx);
  await closeAll();
});

async function auditOf(actorId: string, type: string): Promise<Record<string, unknown>[]> {
  return run(
    `MATCH (e:Event:Audit {actorId: $actorId, type: $type})
     RETURN e.subjectId AS subjectId, e.data AS data ORDER BY e.createdAt`,
    { actorId, type }
  );
}

describe('who viewed a client', () => {
  it('lists the views of a client in the lead’s area, newest first, and audits the report', async () => {
    const report = await clientAccessReport(fx.lead, fx.client.id, {}, { ip: '10.3.0.1' });
    if (!report.ok) throw new Error(report.reason);
    expect(report.subject).toMatchObject({ kind: 'client', id: fx.client.id });
    expect(report.rows.map((r) => [r.practitionerId, r.type]).sort()).toEqual(
      [
        [fx.member.id, 'team.viewed'],
        [fx.member.id, 'circle.viewed'],
        [sneaky.id, 'team.emailed'],
        [fx.outsider.id, 'team.viewed']
      ].sort()
    );
    const times = report.rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(report.rows[0]?.clientName).toBe(fx.client.name);
    const audited = await auditOf(fx.lead.id, 'report.viewed');
    expect(audited.some((a) => a.subjectId === fx.client.id)).toBe(true);
  });

  it('refuses a client outside the lead’s areas, and audits the refusal', async () => {
    const report = await clientAccessReport(fx.lead, fx.otherClient.id);
    expect(report).toEqual({ ok: false, reason: 'out-of-scope' });
    const denied = await auditOf(fx.lead.id, 'access.denied');
    expect(denied.some((a) => a.subjectId === fx.otherClient.id)).toBe(true);
  });

  it('gives an admin every area', async () => {
    const report = await clientAccessReport(fx.admin, fx.otherClient.id);
    expect(report.ok && report.rows.length).toBe(2);
  });

  it('says not found for an unknown client', async () => {
    expect(await clientAccessReport(fx.lead, randomUUID())).toEqual({
      ok: false,
      reason: 'not-found'
    });
  });

  it('filters by dates (inclusive days)', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const future = await clientAccessReport(fx.lead, fx.client.id, { from: tomorrow });
    expect(future.ok && future.rows).toEqual([]);
    const wide = await clientAccessReport(fx.lead, fx.client.id, { from: lastYear, to: tomorrow });
    expect(wide.ok && wide.rows.length).toBe(4);
  });
});

describe('what a practitioner viewed', () => {
  it('lists the views of a practitioner in the lead’s area, by email or id', async () => {
    const byEmail = await userAccessReport(fx.lead, fx.member.email.toUpperCase());
    if (!byEmail.ok) throw new Error(byEmail.reason);
    expect(byEmail.rows.map((r) => r.clientId).sort()).toEqual(
      [fx.client.id, fx.client.id, fx.otherClient.id].sort()
    );
    expect(byEmail.rows.every((r) => r.practitionerId === fx.member.id)).toBe(true);
    const byId = await userAccessReport(fx.lead, fx.member.id);
    expect(byId.ok && byId.rows.length).toBe(3);
  });

  it('refuses a practitioner outside the lead’s areas', async () => {
    expect(await userAccessReport(fx.lead, fx.outsider.email)).toEqual({
      ok: false,
      reason: 'out-of-scope'
    });
    const asAdmin = await userAccessReport(fx.admin, fx.outsider.email);
    expect(asAdmin.ok && asAdmin.rows.length).toBe(2);
  });
});

describe('who may see reports', () => {
  it('refuses practitioners who are not leads or admins, and audits it', async () => {
    expect(await reportScope(fx.member)).toBeNull();
    expect(await clientAccessReport(fx.member, fx.client.id)).toEqual({
      ok: false,
      reason: 'forbidden'
    });
    expect(await userAccessReport(fx.member, fx.member.email)).toEqual({
      ok: false,
      reason: 'forbidden'
    });
    expect((await auditOf(fx.member.id, 'access.denied')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('CSV export', () => {
  it('escapes cells and neutralises formulas', async () => {
    const report = await clientAccessReport(fx.lead, fx.client.id, {}, { format: 'csv' });
    if (!report.ok) throw new Error(report.reason);
    const csv = accessReportCsv(report.rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'when (UTC),what,practitioner,email,agency,practitioner id,client,client id'
    );
    expect(lines).toHaveLength(5);
    const sneakyLine = lines.find((l) => l.includes(sneaky.id));
    expect(sneakyLine).toContain('"\'=HYPERLINK(""http://x.example"",""hi"")"');
    expect(csv).not.toMatch(/(^|,)=/m);
    const audited = await auditOf(fx.lead.id, 'report.viewed');
    expect(audited.some((a) => String(a.data).includes('"format":"csv"'))).toBe(true);
  });
});
