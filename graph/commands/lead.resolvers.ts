/**
 * The lead professional's appointment (graph/commands/lead.graphql) as the signed-in viewer:
 * refusals become `ok: false` results (team.resolvers.ts `outcome`).
 */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import {
  appointLead,
  confirmLead,
  declineLead,
  leadAppointment,
  proposeLead,
  type LeadAppointmentView
} from '../../src/lib/server/teams/lead-appointment.ts';
import { outcome, viewerOf } from './team.resolvers.ts';

type Args<T> = (_parent: unknown, args: T, context: GraphQLContext) => unknown;

const leadAppointmentQuery = (
  _parent: unknown,
  args: { clientId: string },
  context: GraphQLContext
): Promise<LeadAppointmentView | null> => leadAppointment(viewerOf(context).id, args.clientId);

const propose: Args<{ clientId: string; nomineeId: string }> = (_p, args, context) =>
  outcome(() => proposeLead(viewerOf(context), args), {});
const confirm: Args<{ clientId: string; proposalId: string }> = (_p, args, context) =>
  outcome(() => confirmLead(viewerOf(context), args), {});
const decline: Args<{ clientId: string; proposalId: string }> = (_p, args, context) =>
  outcome(() => declineLead(viewerOf(context), args), {});
const appoint: Args<{ clientId: string; leadId: string }> = (_p, args, context) =>
  outcome(() => appointLead(viewerOf(context), args), {});

export const resolvers = {
  Query: { leadAppointment: leadAppointmentQuery },
  Mutation: {
    proposeLead: propose,
    confirmLead: confirm,
    declineLead: decline,
    appointLead: appoint
  }
};
