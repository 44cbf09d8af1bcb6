/**
 * Keyboard use of the graph (WCAG 2.1.1): the graph container takes focus and the arrow keys move
 * a focus ring to the neighbour lying most nearly in that direction on screen; Enter expands,
 * Space or O opens the details panel, Escape closes it, Home returns to the client.
 */
import type { Position } from './layout.ts';

export type Direction = 'up' | 'down' | 'left' | 'right';

export type GraphCommand =
  | { kind: 'move'; direction: Direction }
  | { kind: 'expand' }
  | { kind: 'open' }
  | { kind: 'close' }
  | { kind: 'home' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'fit' };

/** What a key does in the graph, or null to let the browser have it (Tab must keep working). */
export function keyCommand(key: string): GraphCommand | null {
  switch (key) {
    case 'ArrowUp':
      return { kind: 'move', direction: 'up' };
    case 'ArrowDown':
      return { kind: 'move', direction: 'down' };
    case 'ArrowLeft':
      return { kind: 'move', direction: 'left' };
    case 'ArrowRight':
      return { kind: 'move', direction: 'right' };
    case 'Enter':
      return { kind: 'expand' };
    case ' ':
    case 'o':
    case 'O':
      return { kind: 'open' };
    case 'Escape':
      return { kind: 'close' };
    case 'Home':
      return { kind: 'home' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: 1.25 };
    case '-':
      return { kind: 'zoom', factor: 0.8 };
    case '0':
      return { kind: 'fit' };
    default:
      return null;
  }
}

/** Screen directions: y grows downwards on screen and in Cytoscape's model. */
const VECTORS: Record<Direction, Position> = {
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 }
};

/**
 * The neighbour to move to: among those in the half-plane of `direction`, the one at the smallest
 * angle from it (nearest breaks ties); null when there is none that way. Neighbours sitting
 * exactly on the current node count as lying in every direction, so they are never unreachable.
 */
export function nextNeighbour(
  from: Position,
  direction: Direction,
  neighbours: readonly { id: string; position: Position }[]
): string | null {
  const v = VECTORS[direction];
  let best: { id: string; angle: number; distance: number } | null = null;
  for (const n of neighbours) {
    const dx = n.position.x - from.x;
    const dy = n.position.y - from.y;
    const distance = Math.hypot(dx, dy);
    const along = distance === 0 ? 1 : (dx * v.x + dy * v.y) / distance;
    if (along <= 0) continue;
    const angle = Math.acos(Math.min(1, along));
    if (
      !best ||
      angle < best.angle - 1e-9 ||
      (Math.abs(angle - best.angle) <= 1e-9 && distance < best.distance)
    ) {
      best = { id: n.id, angle, distance };
    }
  }
  return best?.id ?? null;
}
