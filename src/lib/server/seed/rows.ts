/** Turns generated records into the plain rows the UNWIND statements in writer.ts expect. */
import type { Agency } from './agencies.ts';
import type { Household } from './household.ts';
import type { Practitioner } from './practitioners.ts';
import { iso, isoDate } from './time.ts';

export function agencyRow(agency: Agency, createdAt: number) {
  const { id, name, kind, phone, email, dutyPhone, sensitive, serves } = agency;
  return { id, name, kind, phone, email, dutyPhone, sensitive, serves, createdAt: iso(createdAt) };
}

export function practitionerRow(p: Practitioner, agency: Agency, passwordHash: string | null) {
  const covers = [
    ...p.profileAreas.map((code) => ({ code, source: 'PROFILE' })),
    ...agency.serves
      .filter((code) => !p.profileAreas.includes(code))
      .map((code) => ({ code, source: 'AUTO' }))
  ];
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    jobTitle: p.jobTitle,
    roles: p.roles,
    createdAt: iso(p.createdAt),
    timeZone: p.timeZone,
    passwordHash,
    agencyId: agency.id,
    covers
  };
}

export interface HouseholdRows {
  clients: unknown[];
  memberships: unknown[];
  circle: unknown[];
  attentions: unknown[];
}

export function emptyRows(): HouseholdRows {
  return { clients: [], memberships: [], circle: [], attentions: [] };
}

/** Appends one household's rows; `idOf` maps practitioner indexes to ids. */
export function addHouseholdRows(
  out: HouseholdRows,
  h: Household,
  idOf: (practitioner: number) => string
): void {
  const people = h.family.people;
  const councilCode = h.family.residence.council.code;
  const personId = (i: number) => {
    const p = people[i];
    if (!p) throw new Error(`no person ${i}`);
    return p.id;
  };
  people.forEach((p, i) => {
    const address = h.addresses.find((a) => a.person === i);
    out.clients.push({
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      preferredName: p.preferredName ?? null,
      aliases: p.aliases,
      aliasesText: p.aliases.join(' '),
      dob: isoDate(p.dob),
      councilCode,
      createdAt: iso(h.createdAt[i] ?? 0),
      address: address
        ? [
            {
              id: address.id,
              text: address.text,
              withheldForSafety: address.withheld,
              withheldById: address.withheldBy === null ? null : idOf(address.withheldBy),
              updatedAt: iso(address.updatedAt)
            }
          ]
        : []
    });
  });
  for (const m of h.memberships) {
    out.memberships.push({
      p: idOf(m.practitioner),
      c: personId(m.person),
      since: iso(m.since),
      until: m.until === null ? null : iso(m.until),
      reason: m.reason,
      restricted: m.restricted,
      lead: m.lead,
      lastConfirmedAt: iso(m.lastConfirmedAt)
    });
  }
  for (const c of h.circle) {
    out.circle.push({
      a: personId(c.link.from),
      b: personId(c.link.to),
      kind: c.link.kind,
      label: c.link.label,
      reciprocal: c.link.reciprocal,
      since: iso(c.since),
      addedBy: idOf(c.addedBy)
    });
  }
  for (const a of h.attentions) {
    out.attentions.push({
      id: a.id,
      clientId: personId(a.person),
      raisedBy: idOf(a.raisedBy),
      message: a.message,
      priority: a.priority,
      createdAt: iso(a.createdAt),
      resolvedAt: a.resolvedAt === null ? null : iso(a.resolvedAt),
      acks: a.acks.map((k) => ({ p: idOf(k.practitioner), at: iso(k.at) }))
    });
  }
}
