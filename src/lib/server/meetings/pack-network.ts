/**
 * The network drawing of a meeting pack: the client's one-step neighbourhood, read as the viewer
 * through the guarded `neighbourhood` query (so a name-only circle member, a masked restricted
 * service and no address, exactly as in the explorer), laid out and drawn on the server as SVG.
 * Null when the viewer is not on the client's team.
 */
import type { Viewer } from '../graphql/viewer.ts';
import { drawNetwork } from '../../graph-view/drawing.ts';
import { buildNetwork } from '../../graph-view/elements.ts';
import { NO_GROUPS, groupedModel } from '../../graph-view/grouping.ts';
import { networkTitle, personName } from '../../graph-view/model.ts';
import { DEFAULT_VIEW } from '../../graph-view/url-state.ts';
import { loadSources } from '../network/sources.ts';

export interface PackNetwork {
  svg: string;
  people: number;
  practitioners: number;
  truncated: boolean;
}

export async function packNetwork(
  viewer: Viewer,
  client: { id: string; givenName: string; familyName: string; preferredName?: string | null }
): Promise<PackNetwork | null> {
  const loaded = await loadSources(viewer, client.id, DEFAULT_VIEW);
  if (!loaded) return null;
  const plain = buildNetwork(loaded.sources);
  const model = groupedModel(loaded.sources, plain, NO_GROUPS);
  const count = (type: string) => plain.nodes.filter((n) => n.type === type).length;
  return {
    svg: await drawNetwork(model, networkTitle(personName(client))),
    people: count('client'),
    practitioners: count('practitioner'),
    truncated: model.truncated
  };
}
