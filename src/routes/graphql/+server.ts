/**
 * /graphql over HTTP: maps the SvelteKit request to Apollo's executeHTTPGraphQLRequest and back.
 * Apollo's CSRF prevention stays on (a GET or simple POST needs a JSON content type or an
 * `apollo-require-preflight` header). The viewer comes from hooks.server.ts (session or token).
 */
import { HeaderMap } from '@apollo/server';
import type { RequestEvent, RequestHandler } from '@sveltejs/kit';
import { LIMITS, batchProblem } from '$graph/limits';
import { getApolloServer } from '$lib/server/graphql/apollo';
import { buildContext } from '$lib/server/graphql/context';

function badRequest(status: number, message: string): Response {
  return new Response(
    JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }),
    {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' }
    }
  );
}

/** The body as Apollo expects it: parsed JSON for JSON requests, else the raw text. */
async function readBody(request: Request): Promise<{ body: unknown } | Response> {
  if (request.method !== 'POST') return { body: undefined };
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > LIMITS.maxBodyBytes) return badRequest(413, 'Request body is too large.');
  const text = await request.text();
  if (Buffer.byteLength(text) > LIMITS.maxBodyBytes) {
    return badRequest(413, 'Request body is too large.');
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) return { body: text };
  try {
    return { body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  } catch {
    return badRequest(400, 'The request body is not valid JSON.');
  }
}

async function handle(event: RequestEvent): Promise<Response> {
  const read = await readBody(event.request);
  if (read instanceof Response) return read;
  const tooMany = batchProblem(read.body);
  if (tooMany) return badRequest(400, tooMany);

  const headers = new HeaderMap();
  event.request.headers.forEach((value, key) => headers.set(key, value));
  const server = await getApolloServer();
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: event.request.method.toUpperCase(),
      headers,
      search: event.url.search,
      body: read.body
    },
    context: async () => buildContext(event.locals.viewer)
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

export const GET: RequestHandler = (event) => handle(event);
export const POST: RequestHandler = (event) => handle(event);
