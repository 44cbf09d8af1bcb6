/** The explorer's small browser helpers, run in Node: the /graphql client, file names, data URLs. */
import { describe, expect, it } from 'vitest';
import { GraphQLRequestError, graphql } from '../../src/lib/graph-view/api.ts';
import { dataUrlBlob, fileName } from '../../src/lib/graph-view/files.ts';

function fakeFetch(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(init ?? {});
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
}

describe('graphql()', () => {
  it('posts JSON and returns the data', async () => {
    const seen: RequestInit[] = [];
    const data = await graphql<{ ok: number }>(
      'query { ok }',
      { a: 1 },
      fakeFetch(200, { data: { ok: 1 } }, seen)
    );
    expect(data).toEqual({ ok: 1 });
    expect(seen[0]?.method).toBe('POST');
    expect((seen[0]?.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(String(seen[0]?.body))).toEqual({
      query: 'query { ok }',
      variables: { a: 1 }
    });
  });

  it('keeps the code of a refusal, and explains an empty or broken answer', async () => {
    const refused = graphql(
      'q',
      {},
      fakeFetch(200, { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] })
    );
    await expect(refused).rejects.toMatchObject({
      name: 'GraphQLRequestError',
      code: 'FORBIDDEN',
      message: 'Forbidden'
    });
    await expect(graphql('q', {}, fakeFetch(502, 'Bad gateway'))).rejects.toThrow(/502/);
    await expect(graphql('q', {}, fakeFetch(200, { data: null }))).rejects.toBeInstanceOf(
      GraphQLRequestError
    );
    const offline = (async () => {
      throw new TypeError('network');
    }) as unknown as typeof fetch;
    await expect(graphql('q', {}, offline)).rejects.toThrow(/could not be reached/);
  });
});

describe('downloads', () => {
  it('turns data URLs into blobs without fetch', async () => {
    const png = dataUrlBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(png.type).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a
    ]);
    const svg = dataUrlBlob(`data:image/svg+xml,${encodeURIComponent('<svg/>')}`);
    expect(await svg.text()).toBe('<svg/>');
  });

  it('makes file names from titles', () => {
    expect(fileName('The network around Zoë O’Neil', 'svg')).toBe(
      'the-network-around-zoe-o-neil.svg'
    );
    expect(fileName('***', 'png')).toBe('network.png');
  });
});
