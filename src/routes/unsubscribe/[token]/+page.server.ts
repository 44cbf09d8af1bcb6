/**
 * One-click unsubscribe (RFC 8058), no sign-in: the signed token names the person and the kind.
 * GET only shows a confirm button (link scanners and previews follow GETs); POST, from that button
 * or from the mail client's `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, turns it off.
 */
import { error } from '@sveltejs/kit';
import { KIND_LABELS, ALERT_KINDS, type AlertKind, type AlertMode } from '$lib/server/alerts/kinds';
import { getPreferences, updatePreferences } from '$lib/server/alerts/preferences';
import {
  verifyUnsubscribeToken,
  type UnsubscribeClaim
} from '$lib/server/alerts/unsubscribe-token';
import { config } from '$lib/server/config';
import { database, getDriver } from '$lib/server/db/neo4j';
import type { Actions, PageServerLoad } from './$types';

function claimOf(token: string): UnsubscribeClaim {
  const claim = verifyUnsubscribeToken(config().sessionSecret, token);
  if (!claim)
    error(
      404,
      'This unsubscribe link is not valid. You can change your email alerts in your settings.'
    );
  return claim;
}

function describe(claim: UnsubscribeClaim): string {
  return claim.kind === 'digest' ? 'The daily digest' : KIND_LABELS[claim.kind];
}

export const load: PageServerLoad = ({ params }) => {
  const claim = claimOf(params.token);
  return { what: describe(claim) };
};

export const actions = {
  default: async ({ params }) => {
    const claim = claimOf(params.token);
    const driver = getDriver();
    let changes: Partial<Record<AlertKind, AlertMode>> = {};
    if (claim.kind === 'digest') {
      // "No more digests": everything that was coming in the digest stops; immediate alerts stay.
      const current = await getPreferences(driver, database(), claim.userId);
      if (current) {
        changes = Object.fromEntries(
          ALERT_KINDS.filter((k) => current.prefs[k] === 'DIGEST').map((k) => [k, 'OFF'])
        );
      }
    } else {
      changes = { [claim.kind]: 'OFF' };
    }
    await updatePreferences(driver, database(), claim.userId, changes);
    return { done: true, what: describe(claim) };
  }
} satisfies Actions;
