/** Keyboard use of the graph: which key does what, and which neighbour an arrow key reaches. */
import { describe, expect, it } from 'vitest';
import { keyCommand, nextNeighbour } from '../../src/lib/graph-view/keyboard.ts';

const at = (id: string, x: number, y: number) => ({ id, position: { x, y } });

describe('keyCommand', () => {
  it('maps arrows, Enter, Space/O, Escape, Home and zoom keys; leaves Tab alone', () => {
    expect(keyCommand('ArrowUp')).toEqual({ kind: 'move', direction: 'up' });
    expect(keyCommand('ArrowLeft')).toEqual({ kind: 'move', direction: 'left' });
    expect(keyCommand('Enter')).toEqual({ kind: 'expand' });
    expect(keyCommand(' ')).toEqual({ kind: 'open' });
    expect(keyCommand('o')).toEqual({ kind: 'open' });
    expect(keyCommand('Escape')).toEqual({ kind: 'close' });
    expect(keyCommand('Home')).toEqual({ kind: 'home' });
    expect(keyCommand('+')).toEqual({ kind: 'zoom', factor: 1.25 });
    expect(keyCommand('0')).toEqual({ kind: 'fit' });
    expect(keyCommand('Tab')).toBeNull();
    expect(keyCommand('a')).toBeNull();
  });
});

describe('nextNeighbour', () => {
  const from = { x: 0, y: 0 };
  const around = [
    at('north', 0, -100),
    at('east', 100, 10),
    at('south', 5, 80),
    at('west', -120, 0)
  ];

  it('goes to the neighbour lying that way on screen (y grows downwards)', () => {
    expect(nextNeighbour(from, 'up', around)).toBe('north');
    expect(nextNeighbour(from, 'right', around)).toBe('east');
    expect(nextNeighbour(from, 'down', around)).toBe('south');
    expect(nextNeighbour(from, 'left', around)).toBe('west');
  });

  it('prefers the straighter neighbour, then the nearer', () => {
    const list = [
      at('diagonal', 100, -100),
      at('straight-far', 300, 0),
      at('straight-near', 50, 0)
    ];
    expect(nextNeighbour(from, 'right', list)).toBe('straight-near');
    expect(nextNeighbour(from, 'up', list)).toBe('diagonal');
  });

  it('answers null when nobody lies that way, or there are no neighbours', () => {
    expect(nextNeighbour(from, 'left', [at('east', 100, 0)])).toBeNull();
    expect(nextNeighbour(from, 'up', [])).toBeNull();
    // Exactly sideways is not "up".
    expect(nextNeighbour(from, 'up', [at('side', 100, 0)])).toBeNull();
  });
});
