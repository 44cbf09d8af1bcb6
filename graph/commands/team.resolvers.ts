/**
 * Team queries and commands (graph/commands/team.graphql) as the signed-in viewer. A command's
 * refusal (CommandError) becomes `ok: false` with its code and message; anything else is an error.
 */
import type { GraphQLContext } from '../../src/lib/server/graphql/context.ts';
import type { Viewer } from '../../src/lib/server/graphql/viewer.ts';
import {
  updateClient,
  type ClientDetailsInput
} from '../../src/lib/server/clients/update-client.ts';
import { sendMeetingPack } from '../../src/lib/server/meetings/send-pack.ts';
import { CommandError } from '../../src/lib/server/teams/command-support.ts';
import { confirmInvolvement } from '../../src/lib/server/teams/confirm-involvement.ts';
import { emailTeam } from '../../src/lib/server/teams/email-team.ts';
import { leaveTeam } from '../../src/lib/server/teams/leave-team.ts';
import {
  clientTimeline,
  meetingCandidates,
  myClientCards,
  type MeetingCandidate,
  type MyClientCard,
  type TimelineEntry
} from '../../src/lib/server/teams/team-queries.ts';
import { GraphQLError } from '../graphql-js.ts';

/** The signed-in practitioner from the trusted jwt the server built (context.ts). */
export function viewerOf(context: GraphQLContext): Viewer {
  const sub = context.jwt?.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw new GraphQLError('Unauthenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  const roles = context.jwt?.roles;
  return { id: sub, roles: Array.isArray(roles) ? roles.map(String) : [] };
}

export interface Refusal {
  ok: false;
  code: string;
  message: string;
}

/** Runs a command; its refusals become results, the rest stay errors. */
export async function outcome<T extends object, R extends object>(
  work: () => Promise<T>,
  refused: R
): Promise<(T & { ok: true; code: null; message: null }) | (Refusal & R)> {
  try {
    return { ...(await work()), ok: true, code: null, message: null };
  } catch (error) {
    if (error instanceof CommandError) {
      return { ...refused, ok: false, code: error.code, message: error.message };
    }
    throw error;
  }
}

export const resolvers = {
  Query: {
    clientTimeline: (
      _parent: unknown,
      args: { clientId: string; limit?: number | null },
      context: GraphQLContext
    ): Promise<TimelineEntry[]> => clientTimeline(viewerOf(context).id, args.clientId, args.limit),
    meetingCandidates: (
      _parent: unknown,
      args: { clientId: string },
      context: GraphQLContext
    ): Promise<MeetingCandidate[]> => meetingCandidates(viewerOf(context).id, args.clientId),
    myClientCards: (
      _parent: unknown,
      args: { limit?: number | null },
      context: GraphQLContext
    ): Promise<MyClientCard[]> => myClientCards(viewerOf(context).id, args.limit)
  },
  Mutation: {
    leaveTeam: (_parent: unknown, args: { clientId: string }, context: GraphQLContext) =>
      outcome(() => leaveTeam(viewerOf(context), args), {}),
    confirmInvolvement: (_parent: unknown, args: { clientId: string }, context: GraphQLContext) =>
      outcome(() => confirmInvolvement(viewerOf(context), args), {}),
    updateClient: (
      _parent: unknown,
      args: { clientId: string; input: NullableDetails },
      context: GraphQLContext
    ) =>
      outcome(
        () =>
          updateClient(viewerOf(context), {
            clientId: args.clientId,
            details: withoutNulls(args.input)
          }),
        { changed: [] as string[] }
      ),
    emailTeam: (
      _parent: unknown,
      args: { clientId: string; revealSelf?: boolean | null },
      context: GraphQLContext
    ) =>
      outcome(
        () =>
          emailTeam(viewerOf(context), { clientId: args.clientId, revealSelf: args.revealSelf }),
        { emails: [] as string[], restrictedMembers: 0 }
      ),
    sendMeetingPack: (
      _parent: unknown,
      args: {
        clientId: string;
        attendeeKeys: string[];
        start?: string | null;
        durationMinutes?: number | null;
      },
      context: GraphQLContext
    ) => outcome(() => sendMeetingPack(viewerOf(context), args), { sentTo: 0 })
  }
};

type NullableDetails = { [K in keyof ClientDetailsInput]?: ClientDetailsInput[K] | null };

/** GraphQL sends null for a field left out; the service's "keep it" is undefined. */
function withoutNulls(input: NullableDetails): ClientDetailsInput {
  const details: ClientDetailsInput = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== null && value !== undefined) {
      (details as Record<string, unknown>)[key] = value;
    }
  }
  return details;
}
