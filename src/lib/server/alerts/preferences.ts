/**
 * Alert preferences: one mode per kind, stored on the practitioner as `alertPrefs`, a JSON string
 * such as `{"team.joined":"DIGEST","circle.changed":"OFF"}`. Kinds not in it are IMMEDIATE.
 *
 * Why a JSON property rather than `PREFERS` relationships: fan-out reads a team's members in one
 * query and gets every preference with them (no extra match per member), a change is one SET,
 * and unknown or retired kinds in old values are simply ignored when parsed.
 */
import type { Driver } from 'neo4j-driver';
import {
  ALERT_KINDS,
  DEFAULT_MODE,
  isAlertKind,
  isAlertMode,
  type AlertKind,
  type AlertMode
} from './kinds.ts';

export type AlertPreferences = Record<AlertKind, AlertMode>;

export function defaultPreferences(): AlertPreferences {
  return Object.fromEntries(ALERT_KINDS.map((kind) => [kind, DEFAULT_MODE])) as AlertPreferences;
}

/** Lenient: a damaged or missing value means the defaults, never a failed fan-out. */
export function parsePreferences(raw: unknown): AlertPreferences {
  const prefs = defaultPreferences();
  if (typeof raw !== 'string' || raw === '') return prefs;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return prefs;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return prefs;
  for (const [kind, mode] of Object.entries(parsed)) {
    if (isAlertKind(kind) && isAlertMode(mode)) prefs[kind] = mode;
  }
  return prefs;
}

/** Only the choices that differ from the default are stored. */
export function serializePreferences(prefs: Partial<AlertPreferences>): string {
  const stored: Partial<Record<AlertKind, AlertMode>> = {};
  for (const kind of ALERT_KINDS) {
    const mode = prefs[kind];
    if (mode && mode !== DEFAULT_MODE) stored[kind] = mode;
  }
  return JSON.stringify(stored);
}

export interface PreferenceSettings {
  prefs: AlertPreferences;
  timeZone: string;
}

export async function getPreferences(
  driver: Driver,
  database: string,
  userId: string
): Promise<PreferenceSettings | null> {
  const { records } = await driver.executeQuery(
    'MATCH (p:Practitioner {id: $userId}) RETURN p.alertPrefs AS prefs, p.timeZone AS timeZone',
    { userId },
    { database, routing: 'READ' }
  );
  const record = records[0];
  if (!record) return null;
  return {
    prefs: parsePreferences(record.get('prefs')),
    timeZone: validTimeZone(record.get('timeZone'))
  };
}

/**
 * Changes some kinds, keeping the others. The first statement takes the node's write lock, so two
 * changes at once (a settings form and an unsubscribe link) cannot overwrite each other.
 */
export async function updatePreferences(
  driver: Driver,
  database: string,
  userId: string,
  changes: Partial<AlertPreferences>
): Promise<AlertPreferences | null> {
  const session = driver.session({ database });
  try {
    return await session.executeWrite(async (tx) => {
      const locked = await tx.run(
        'MATCH (p:Practitioner {id: $userId}) SET p.alertPrefsUpdatedAt = datetime() RETURN p.alertPrefs AS prefs',
        { userId }
      );
      const record = locked.records[0];
      if (!record) return null;
      const prefs = { ...parsePreferences(record.get('prefs')), ...changes };
      await tx.run('MATCH (p:Practitioner {id: $userId}) SET p.alertPrefs = $prefs', {
        userId,
        prefs: serializePreferences(prefs)
      });
      return prefs;
    });
  } finally {
    await session.close();
  }
}

export const DEFAULT_TIME_ZONE = 'Australia/Sydney';

/** An IANA zone Intl understands, else the default (a bad value must not break digests). */
export function validTimeZone(value: unknown): string {
  if (typeof value !== 'string' || value === '') return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return value;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** The digest hour is 07:00 in this zone; only zones Intl knows are stored. */
export async function setTimeZone(
  driver: Driver,
  database: string,
  userId: string,
  timeZone: string
): Promise<boolean> {
  if (validTimeZone(timeZone) !== timeZone) return false;
  const { records } = await driver.executeQuery(
    'MATCH (p:Practitioner {id: $userId}) SET p.timeZone = $timeZone RETURN p.id AS id',
    { userId, timeZone },
    { database }
  );
  return records.length > 0;
}
