import { error, fail } from '@sveltejs/kit';
import {
  ALERT_KINDS,
  ALERT_MODES,
  KIND_LABELS,
  isAlertMode,
  type AlertKind,
  type AlertMode
} from '$lib/server/alerts/kinds';
import { getPreferences, setTimeZone, updatePreferences } from '$lib/server/alerts/preferences';
import { requireViewer } from '$lib/server/attentions/page-support';
import { database, getDriver } from '$lib/server/db/neo4j';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const viewer = requireViewer(locals);
  const settings = await getPreferences(getDriver(), database(), viewer.id);
  if (!settings) error(404, 'Your account was not found.');
  return {
    kinds: ALERT_KINDS.map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      mode: settings.prefs[kind]
    })),
    modes: ALERT_MODES,
    timeZone: settings.timeZone,
    timeZones: Intl.supportedValuesOf('timeZone')
  };
};

export const actions = {
  default: async ({ locals, request }) => {
    const viewer = requireViewer(locals);
    const form = await request.formData();
    const changes: Partial<Record<AlertKind, AlertMode>> = {};
    for (const kind of ALERT_KINDS) {
      const mode = form.get(`mode.${kind}`);
      if (mode === null) continue;
      if (!isAlertMode(mode))
        return fail(400, { message: 'Choose immediately, daily digest or off for each alert.' });
      changes[kind] = mode;
    }
    const timeZone = String(form.get('timeZone') ?? '');
    if (timeZone && !(await setTimeZone(getDriver(), database(), viewer.id, timeZone))) {
      return fail(400, { message: 'Choose a time zone from the list.' });
    }
    await updatePreferences(getDriver(), database(), viewer.id, changes);
    return { done: 'Saved. New alerts follow these settings.' };
  }
} satisfies Actions;
