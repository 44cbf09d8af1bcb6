/**
 * GraphQL over HTTP with Fetch API types: maps a Request to Apollo's executeHTTPGraphQLRequest
 * and back. Apollo's CSRF prevention stays on (a GET or a non-JSON POST needs an
 * `apollo-require-preflight` header). Batches and body sizes are capped here, before Apollo
 * parses anything. Kept free of SvelteKit types so tests and other servers can call it.
 */
import { HeaderMap } from '@apollo/server';
import { LIMITS, batchProblem } from '../../../../graph/limits.ts';
import { getApolloServer } from './apollo.ts';
import { buildContext } from './context.ts';
import type { Viewer } from './viewer.ts';

function refuse(status: number, message: string): Response {
  return new Response(
    JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }),
    { status, headers: { 'content-type': 'application/json; charset=utf-8' } }
  );
}

/** The body as Apollo expects it: parsed JSON for JSON requests, else the raw text. */
async function readBody(request: Request): Promise<{ body: unknown } | Response> {
  if (request.method !== 'POST') return { body: undefined };
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > LIMITS.maxBodyBytes) return refuse(413, 'Request body is too large.');
  const text = await request.text();
  if (Buffer.byteLength(text) > LIMITS.maxBodyBytes) {
    return refuse(413, 'Request body is too large.');
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) return { body: text };
  try {
    return { body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return refuse(400, 'The request body is not valid JSON.');
  }
}

export async function handleGraphQLRequest(
  request: Request,
  viewer: Viewer | null
): Promise<Response> {
  const read = await readBody(request);
  if (read instanceof Response) return read;
  const tooMany = batchProblem(read.body);
  if (tooMany) return refuse(400, tooMany);

  const headers = new HeaderMap();
  request.headers.forEach((value, key) => headers.set(key, value));
  const server = await getApolloServer();
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: request.method.toUpperCase(),
      headers,
      search: new URL(request.url).search,
      body: read.body
    },
    context: async () => buildContext(viewer)
  });

  const responseHeaders = new Headers();
  for (const [key, value] of result.headers) responseHeaders.set(key, value);
  // Answers carry personal data: never cached by a browser or a proxy.
  responseHeaders.set('cache-control', 'no-store');
  const status = result.status ?? 200;
  if (result.body.kind === 'complete') {
    return new Response(result.body.string, { status, headers: responseHeaders });
  }
  const chunks = result.body.asyncIterator;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    }
  });
  return new Response(stream, { status, headers: responseHeaders });
}
