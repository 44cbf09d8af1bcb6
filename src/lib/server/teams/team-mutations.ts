/**
 * The team commands as the pages send them: GraphQL mutations through the same schema as /graphql
 * (graph/commands/team.graphql, circle.graphql). A refusal comes back as `ok: false`.
 */
import { executeGraphQL } from '../graphql/execute.ts';
import type { Viewer } from '../graphql/viewer.ts';

export const MUTATIONS = {
  leaveTeam: `mutation Leave($clientId: ID!) { leaveTeam(clientId: $clientId) { ok code message } }`,
  proposeLead: `mutation ProposeLead($clientId: ID!, $nomineeId: ID!) {
    proposeLead(clientId: $clientId, nomineeId: $nomineeId) { ok code message }
  }`,
  confirmLead: `mutation ConfirmLead($clientId: ID!, $proposalId: ID!) {
    confirmLead(clientId: $clientId, proposalId: $proposalId) { ok code message }
  }`,
  declineLead: `mutation DeclineLead($clientId: ID!, $proposalId: ID!) {
    declineLead(clientId: $clientId, proposalId: $proposalId) { ok code message }
  }`,
  appointLead: `mutation AppointLead($clientId: ID!, $leadId: ID!) {
    appointLead(clientId: $clientId, leadId: $leadId) { ok code message }
  }`,
  confirmInvolvement: `mutation Confirm($clientId: ID!) {
    confirmInvolvement(clientId: $clientId) { ok code message }
  }`,
  updateClient: `mutation Update($clientId: ID!, $input: ClientDetailsInput!) {
    updateClient(clientId: $clientId, input: $input) { ok code message changed }
  }`,
  emailTeam: `mutation Email($clientId: ID!, $revealSelf: Boolean) {
    emailTeam(clientId: $clientId, revealSelf: $revealSelf) { ok code message emails restrictedMembers }
  }`,
  sendMeetingPack: `mutation Send($clientId: ID!, $attendeeKeys: [ID!]!, $start: String, $durationMinutes: Int) {
    sendMeetingPack(clientId: $clientId, attendeeKeys: $attendeeKeys, start: $start,
      durationMinutes: $durationMinutes) { ok code message sentTo }
  }`,
  addToCircle: `mutation Add($clientId: ID!, $links: [CircleLinkInput!]!) {
    addToCircle(clientId: $clientId, links: $links) { ok code message added }
  }`,
  updateCircleLink: `mutation Relink($clientId: ID!, $otherId: ID!, $label: String!, $reciprocal: String!) {
    updateCircleLink(clientId: $clientId, otherId: $otherId, label: $label, reciprocal: $reciprocal) {
      ok code message added
    }
  }`,
  removeFromCircle: `mutation Unlink($clientId: ID!, $otherId: ID!) {
    removeFromCircle(clientId: $clientId, otherId: $otherId) { ok code message added }
  }`
} as const;

export type CommandName = keyof typeof MUTATIONS;

export interface CommandAnswer {
  ok: boolean;
  code: string | null;
  message: string | null;
  changed?: string[];
  emails?: string[];
  restrictedMembers?: number;
  sentTo?: number;
  added?: string[];
}

export async function sendCommand(
  viewer: Viewer,
  name: CommandName,
  variables: Record<string, unknown>
): Promise<CommandAnswer> {
  const data = await executeGraphQL<Record<string, CommandAnswer>>(
    viewer,
    MUTATIONS[name],
    variables
  );
  const answer = data[name];
  if (!answer) throw new Error(`The ${name} command did not answer.`);
  return answer;
}
