/** SVG export: a well-formed standalone document with the title, legend and every visible node. */
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/lib/graph-view/elements.ts';
import { legendFor } from '../../src/lib/graph-view/legend.ts';
import { syntheticNeighbourhood } from '../../src/lib/graph-view/synthetic.ts';
import {
  defaultSvgStyles,
  escapeXml,
  shapeSvg,
  toSvg,
  wrapLabel
} from '../../src/lib/graph-view/svg-export.ts';
import type { GraphModel } from '../../src/lib/graph-view/model.ts';

/** A small XML well-formedness check: tags nest and close, attributes are quoted, & is escaped. */
function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = xml.replace(/<\?xml[^>]*\?>/, '');
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    if (/</.test(between)) problems.push(`stray < near ${between.slice(0, 40)}`);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(between))
      problems.push(`raw & in ${between.slice(0, 40)}`);
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else {
      stack.push(name!);
    }
  }
  if (/</.test(body.slice(last))) problems.push('unparsed markup at the end');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

function laidOut(model: GraphModel): Record<string, { x: number; y: number }> {
  const positions: Record<string, { x: number; y: number }> = {};
  model.nodes.forEach((n, i) => {
    positions[n.id] = { x: (i % 7) * 120, y: Math.floor(i / 7) * 110 };
  });
  return positions;
}

describe('toSvg', () => {
  const model = buildNetwork([syntheticNeighbourhood(40, 4)]);
  const legend = legendFor(model);
  const title = 'Network around Ava & “Ben” <Chen>';
  const svg = toSvg(model, laidOut(model), defaultSvgStyles, legend, title);

  it('is a well-formed SVG document with an accessible title', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(wellFormed(svg)).toEqual([]);
    expect(svg).toContain(`<title id="graph-title">${escapeXml(title)}</title>`);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
  });

  it('draws every positioned node with its shape and label, and the legend', () => {
    const simple = model.nodes.filter((n) => !model.nodes.some((c) => c.parent === n.id));
    expect(svg.match(/<g class="node /g)?.length).toBe(simple.length);
    expect(svg).toContain('<g class="legend"');
    for (const entry of legend) expect(svg).toContain(`>${escapeXml(entry.label)}</text>`);
    expect(svg).toContain('class="node node-restricted"');
    expect(svg).toMatch(/<polygon points="[^"]+" fill="#fef3c7"/);
    expect(svg).toContain('Restricted service');
  });

  it('draws circle lines with their patterns and both roles', () => {
    const family: GraphModel = {
      centreId: 'client:a',
      truncated: false,
      nodes: [
        { id: 'client:a', type: 'client', label: 'Ann', member: true, centre: true },
        { id: 'client:b', type: 'client', label: 'Bo', member: false }
      ],
      edges: [
        {
          id: 'e1',
          type: 'HOUSEHOLD',
          source: 'client:a',
          target: 'client:b',
          sourceRole: 'mother',
          targetRole: 'son'
        },
        { id: 'e2', type: 'SIGNIFICANT', source: 'client:a', target: 'client:b' }
      ]
    };
    const out = toSvg(
      family,
      { 'client:a': { x: 0, y: 0 }, 'client:b': { x: 200, y: 0 } },
      defaultSvgStyles,
      [],
      'T'
    );
    expect(out).toContain('stroke-dasharray="9 6"');
    expect(out).toContain('stroke-dasharray="3 4.5"');
    expect(out).toContain('>mother / son</text>');
    // Bo is not on the viewer's team: dashed outline.
    expect(out).toMatch(/<ellipse [^>]*stroke-dasharray="6 4"/);
    expect(wellFormed(out)).toEqual([]);
  });

  it('leaves out what has no position, and copes with an empty graph', () => {
    const out = toSvg(model, {}, defaultSvgStyles, [], 'Empty');
    expect(out).not.toContain('class="node ');
    expect(wellFormed(out)).toEqual([]);
  });
});

describe('helpers', () => {
  it('escapes XML and wraps labels', () => {
    expect(escapeXml(`a & b < c > "d" 'e'`)).toBe(
      'a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;'
    );
    expect(wrapLabel('Youth Justice Parramatta Community Office', 20)).toEqual([
      'Youth Justice',
      'Parramatta Community',
      'Office'
    ]);
    expect(wrapLabel('Restricted service\n1800 111')).toEqual(['Restricted service', '1800 111']);
  });

  it('draws each shape', () => {
    expect(shapeSvg('ellipse', 0, 0, 10, 10, '')).toMatch(/^<ellipse/);
    expect(shapeSvg('hexagon', 0, 0, 10, 10, '').match(/,/g)).toHaveLength(6);
    expect(shapeSvg('octagon', 0, 0, 10, 10, '').match(/,/g)).toHaveLength(8);
    expect(shapeSvg('round-rectangle', 0, 0, 10, 10, '')).toContain('rx="2"');
  });
});
