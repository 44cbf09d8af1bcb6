/** The GraphQL operations the attention pages run in-process (DESIGN.md "One API"). */

const PERSON = 'masked name agency dutyPhone isViewer';

export const ATTENTION_BOARD = `query AttentionBoard($clientId: ID!) {
  attentionBoard(clientId: $clientId) {
    status clientId givenName familyName viewerIsLead
    multiAgency { prompt agencies }
    attentions {
      id message priority createdAt resolvedAt raisedByViewer acknowledgedByViewer
      acknowledgedCount audience canResolve
      raisedBy { ${PERSON} }
      resolvedBy { ${PERSON} }
      acknowledgements { masked name agency dutyPhone at }
    }
  }
}`;

export const MY_ATTENTIONS = `query MyAttentions {
  myAttentions(limit: 100) {
    id message priority createdAt clientId clientGivenName clientFamilyName raisedByViewer
    acknowledgedByViewer
    raisedBy { ${PERSON} }
  }
}`;

export const RAISE = `mutation Raise($clientId: ID!, $message: String!, $priority: AttentionPriority!) {
  raiseAttention(clientId: $clientId, message: $message, priority: $priority) { ok attentionId code message }
}`;

export const ACKNOWLEDGE = `mutation Acknowledge($attentionId: ID!) {
  acknowledgeAttention(attentionId: $attentionId) { ok attentionId code message }
}`;

export const RESOLVE = `mutation Resolve($attentionId: ID!) {
  resolveAttention(attentionId: $attentionId) { ok attentionId code message }
}`;

export interface PersonData {
  masked: boolean;
  name: string | null;
  agency: string | null;
  dutyPhone: string | null;
  isViewer: boolean;
}

export interface AttentionData {
  id: string;
  message: string;
  priority: 'NORMAL' | 'URGENT';
  createdAt: string;
  resolvedAt: string | null;
  raisedByViewer: boolean;
  acknowledgedByViewer: boolean;
  acknowledgedCount: number;
  audience: number;
  canResolve: boolean;
  raisedBy: PersonData | null;
  resolvedBy: PersonData | null;
  acknowledgements:
    | {
        masked: boolean;
        name: string | null;
        agency: string | null;
        dutyPhone: string | null;
        at: string;
      }[]
    | null;
}

export interface AttentionBoardData {
  attentionBoard: {
    status: 'OK' | 'FORBIDDEN' | 'NOT_FOUND';
    clientId: string;
    givenName: string | null;
    familyName: string | null;
    viewerIsLead: boolean;
    multiAgency: { prompt: boolean; agencies: number } | null;
    attentions: AttentionData[];
  };
}

export interface InboxData {
  myAttentions: {
    id: string;
    message: string;
    priority: 'NORMAL' | 'URGENT';
    createdAt: string;
    clientId: string;
    clientGivenName: string;
    clientFamilyName: string;
    raisedByViewer: boolean;
    acknowledgedByViewer: boolean;
    raisedBy: PersonData | null;
  }[];
}

export type CommandData = Record<
  string,
  { ok: boolean; attentionId: string | null; code: string | null; message: string | null }
>;
