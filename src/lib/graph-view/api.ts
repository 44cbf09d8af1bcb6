/**
 * The explorer's calls to POST /graphql (the one API): JSON in, data or a coded error out. A
 * refusal keeps its code (FORBIDDEN, UNAUTHENTICATED) so the page can say what happened.
 */

export class GraphQLRequestError extends Error {
  readonly code: string | undefined;

  constructor(message: string, code?: string) {
    super(message);
    this.name = 'GraphQLRequestError';
    this.code = code;
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown>,
  fetcher: typeof fetch = fetch
): Promise<T> {
  let response: Response;
  try {
    response = await fetcher('/graphql', {
      method: 'POST',
      // A JSON body (never a simple form post) also satisfies Apollo's CSRF prevention.
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables })
    });
  } catch {
    throw new GraphQLRequestError('Teamaround could not be reached. Check your connection.');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new GraphQLRequestError(`The server answered ${response.status} without data.`);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
    throw new GraphQLRequestError(first.message, code);
  }
  if (!body.data) throw new GraphQLRequestError('The server answered without data.');
  return body.data;
}
