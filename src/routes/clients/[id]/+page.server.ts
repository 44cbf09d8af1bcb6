import { error, fail, redirect } from '@sveltejs/kit';
import {
  clientAccess,
  clientSummary,
  headerClient,
  pageViewer,
  publicSummary,
  readAlongsideAccess
} from '$lib/server/clients/client-access';
import { teamMailto } from '$lib/server/teams/email-team';
import { joinFromPage } from '$lib/server/teams/join-action';
import { loadTeamPage, readTeamPage } from '$lib/server/teams/team-page';
import { sendCommand, type CommandAnswer } from '$lib/server/teams/team-mutations';
import { firstNameAndInitial } from '$lib/server/meetings/ics';
import { config } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  const teamRead = readAlongsideAccess(id, () => readTeamPage(pageViewer(event.locals), id));
  const access = await clientAccess(event, id);
  if (!access.member || !teamRead) return publicSummary(access);
  const { client, viewer } = access;
  // Rule 5: the view is recorded where GraphQL resolves the team (audit/read-audit.ts).
  const team = await loadTeamPage(viewer, teamRead, client.council?.state ?? null);
  if (!team) error(404, 'There is no such client.');
  return {
    member: true as const,
    client: {
      ...headerClient(client),
      councilCode: client.council?.code ?? null,
      aliases: team.aliases
    },
    ...team,
    joined: event.url.searchParams.has('joined')
  };
};

/** A refused command: 403 for "not yours to do", 400 for the rest, with the message shown. */
function refused(answer: CommandAnswer, extra: Record<string, unknown> = {}) {
  return fail(answer.code === 'FORBIDDEN' ? 403 : 400, {
    message: answer.message ?? 'That did not work.',
    ...extra
  });
}

const text = (form: FormData, name: string, max = 300) =>
  String(form.get(name) ?? '').slice(0, max);

export const actions = {
  join: (event) => joinFromPage(event),

  emailTeam: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    // A restricted member confirms that their mail client will show the team who they are.
    const revealSelf = (await request.formData()).get('revealSelf') === 'yes';
    const answer = await sendCommand(viewer, 'emailTeam', { clientId: params.id, revealSelf });
    if (!answer.ok) return refused(answer);
    const { givenName, familyName } = await nameOf(locals, params.id);
    const link = `${config().publicUrl}/clients/${params.id}`;
    // Rule 6: the email identifies the client by first name and initial only.
    const mailto = teamMailto(
      answer.emails ?? [],
      `${firstNameAndInitial(givenName, familyName)} — from the team around them`,
      `\n\n—\nThe team in Teamaround (sign-in needed): ${link}`
    );
    redirect(303, mailto);
  },

  leave: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const form = await request.formData();
    if (form.get('confirm') !== 'yes') {
      return fail(400, { message: 'Confirm that you want to leave the team.' });
    }
    const answer = await sendCommand(viewer, 'leaveTeam', { clientId: params.id });
    if (!answer.ok) return refused(answer);
    redirect(303, '/?left=1');
  },

  // The lead professional is appointed, never taken (rule 4): these only propose, accept,
  // confirm or decline; lead-appointment.ts decides who may.
  proposeLead: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const nomineeId = text(await request.formData(), 'nomineeId', 100);
    const answer = await sendCommand(viewer, 'proposeLead', { clientId: params.id, nomineeId });
    if (!answer.ok) return refused(answer);
    return {
      done: 'Proposal sent: the team has been told. It takes effect when it is accepted or confirmed.'
    };
  },

  confirmLead: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const proposalId = text(await request.formData(), 'proposalId', 100);
    const answer = await sendCommand(viewer, 'confirmLead', { clientId: params.id, proposalId });
    if (!answer.ok) return refused(answer);
    return { done: 'The lead professional has changed: the team has been told.' };
  },

  declineLead: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const proposalId = text(await request.formData(), 'proposalId', 100);
    const answer = await sendCommand(viewer, 'declineLead', { clientId: params.id, proposalId });
    if (!answer.ok) return refused(answer);
    return { done: 'The proposal was declined: the team has been told.' };
  },

  appointLead: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const leadId = text(await request.formData(), 'leadId', 100);
    const answer = await sendCommand(viewer, 'appointLead', { clientId: params.id, leadId });
    if (!answer.ok) return refused(answer);
    return { done: 'The lead professional has been appointed: the team has been told.' };
  },

  confirm: async ({ locals, params }) => {
    const viewer = pageViewer(locals);
    const answer = await sendCommand(viewer, 'confirmInvolvement', { clientId: params.id });
    if (!answer.ok) return refused(answer);
    return { done: 'Thank you: the team can see you are still involved.' };
  },

  updateDetails: async ({ locals, params, request }) => {
    const viewer = pageViewer(locals);
    const form = await request.formData();
    const input: Record<string, unknown> = {
      givenName: text(form, 'givenName', 200),
      familyName: text(form, 'familyName', 200),
      preferredName: text(form, 'preferredName', 200),
      aliases: text(form, 'aliases', 2000)
        .split(/[\n,]/)
        .map((a) => a.trim())
        .filter(Boolean),
      dob: text(form, 'dob', 20),
      councilCode: text(form, 'councilCode', 50)
    };
    // The address fields are only in the form for those allowed to see the address.
    if (form.has('addressText')) {
      input.address = {
        text: text(form, 'addressText', 600),
        withheldForSafety: form.get('withheldForSafety') === 'on'
      };
    }
    const answer = await sendCommand(viewer, 'updateClient', { clientId: params.id, input });
    if (!answer.ok) return refused(answer, { details: true });
    return {
      done:
        (answer.changed ?? []).length > 0
          ? 'Details saved: the team is told which details changed.'
          : 'Nothing had changed.'
    };
  }
} satisfies Actions;

async function nameOf(locals: App.Locals, clientId: string) {
  const found = await clientSummary(pageViewer(locals), clientId);
  if (!found) error(404, 'There is no such client.');
  return found.client;
}
