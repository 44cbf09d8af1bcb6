/**
 * "My network": the viewer in the middle, their clients around them, and the colleagues from
 * other agencies on the same teams, joined to the viewer by a line as thick as the number of
 * clients they share (and to each shared client by a thin one).
 */
import type { MyNetwork } from './types.ts';
import { nodeId, personName, type GraphEdge, type GraphModel, type GraphNode } from './model.ts';

export function buildMyNetwork(data: MyNetwork): GraphModel {
  const me = nodeId.practitioner(data.viewerId);
  const nodes: GraphNode[] = [
    {
      id: me,
      type: 'practitioner',
      label: `You (${data.viewerName ?? 'me'})`,
      practitionerId: data.viewerId,
      isViewer: true,
      centre: true,
      ...(data.agencyKind ? { agencyKind: data.agencyKind } : {}),
      ...(data.agencyName ? { agencyName: data.agencyName } : {})
    }
  ];
  const edges: GraphEdge[] = [];
  const clientIds = new Set(data.clients.map((c) => c.clientId));
  for (const client of data.clients) {
    const id = nodeId.client(client.clientId);
    nodes.push({
      id,
      type: 'client',
      label: personName(client),
      clientId: client.clientId,
      member: true,
      distance: 1
    });
    edges.push({
      id: `works-with:${data.viewerId}:${client.clientId}`,
      type: 'works-with',
      source: me,
      target: id
    });
  }
  for (const colleague of data.colleagues) {
    const id = nodeId.practitioner(colleague.practitionerId);
    const node: GraphNode = {
      id,
      type: 'practitioner',
      label: colleague.name,
      practitionerId: colleague.practitionerId,
      distance: 2
    };
    for (const [key, value] of [
      ['jobTitle', colleague.jobTitle],
      ['phone', colleague.phone],
      ['email', colleague.email],
      ['agencyId', colleague.agencyId],
      ['agencyName', colleague.agencyName],
      ['agencyKind', colleague.agencyKind]
    ] as const) {
      if (value) node[key] = value;
    }
    nodes.push(node);
    edges.push({
      id: `shares:${colleague.practitionerId}`,
      type: 'shares',
      source: me,
      target: id,
      weight: colleague.sharedCount
    });
    for (const clientId of colleague.sharedClientIds) {
      if (!clientIds.has(clientId)) continue;
      edges.push({
        id: `works-with:${colleague.practitionerId}:${clientId}`,
        type: 'works-with',
        source: id,
        target: nodeId.client(clientId)
      });
    }
  }
  return { centreId: me, nodes, edges, truncated: data.truncated };
}
