/**
 * emailTeam: the addresses for "email the whole team", recorded in the audit trail as
 * 'team.emailed' (DESIGN.md rule 5) in the same transaction that reads them. Restricted members'
 * addresses are never given out (rule 3), nor how many there are; the sender's own is left out.
 * A restricted member's own mail client would show the team their address, and so who they are:
 * they must say they accept that (`revealSelf`), and are offered the safer ways instead.
 */
import { auditInTx } from '../audit/audit.ts';
import { database, getDriver } from '../db/neo4j.ts';
import type { Viewer } from '../graphql/viewer.ts';
import { CommandError, requireMembership } from './command-support.ts';

const ADDRESSES = `
MATCH (p:Practitioner)-[m:MEMBER_OF]->(:Client {id: $clientId})
WHERE m.until IS NULL AND p.id <> $viewerId
WITH p, coalesce(m.restricted, false) AS restricted
RETURN collect(DISTINCT CASE WHEN NOT restricted AND p.email IS NOT NULL THEN p.email END) AS emails,
  count(DISTINCT CASE WHEN restricted THEN p END) > 0 AS anyRestricted`;

export const REVEALS_SELF =
  'You joined this team as restricted: your mail client sends from your own address, so the whole team would see who you are and which service you work for. To stay anonymous, raise an attention (it shows as “a restricted service”) or reply only to members who ask you to contact them.';

export interface TeamEmail {
  emails: string[];
  /** 1 when restricted members were left out (never how many): ask them to contact you. */
  restrictedMembers: number;
}

export async function emailTeam(
  viewer: Viewer,
  input: { clientId: string; ip?: string | null; revealSelf?: boolean | null }
): Promise<TeamEmail> {
  const session = getDriver().session({ database: database(), defaultAccessMode: 'WRITE' });
  try {
    return await session.executeWrite(async (tx) => {
      const membership = await requireMembership(tx, viewer.id, input.clientId);
      if (membership.restricted && input.revealSelf !== true) {
        throw new CommandError('BAD_USER_INPUT', REVEALS_SELF);
      }
      const { records } = await tx.run(ADDRESSES, {
        clientId: input.clientId,
        viewerId: viewer.id
      });
      const emails = ((records[0]?.get('emails') as string[] | undefined) ?? []).sort();
      const restrictedMembers = records[0]?.get('anyRestricted') ? 1 : 0;
      if (emails.length === 0) {
        throw new CommandError(
          'BAD_USER_INPUT',
          restrictedMembers > 0
            ? 'The only other members are restricted services: use “Ask them to contact me” on the team page.'
            : 'There is nobody else on this team to email yet.'
        );
      }
      await auditInTx(tx, {
        type: 'team.emailed',
        actorId: viewer.id,
        clientId: input.clientId,
        ip: input.ip ?? null,
        data: { recipients: emails.length }
      });
      return { emails, restrictedMembers };
    });
  } finally {
    await session.close();
  }
}

/** `mailto:` for the team (RFC 6068): addresses comma-separated, subject and body encoded. */
export function teamMailto(emails: string[], subject: string, body: string): string {
  const to = emails.map((e) => encodeURIComponent(e).replace(/%40/g, '@')).join(',');
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
