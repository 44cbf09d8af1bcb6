/**
 * /graphql: the one data API (DESIGN.md "One API"). The viewer comes from hooks.server.ts
 * (a session or an API token); anonymous callers reach Apollo as `null` and get UNAUTHENTICATED
 * for any data. See $lib/server/graphql/http.ts for the limits and CSRF handling.
 */
import type { RequestHandler } from './$types';
import { handleGraphQLRequest } from '$lib/server/graphql/http';

export const GET: RequestHandler = ({ request, locals }) =>
  handleGraphQLRequest(request, locals.viewer);

export const POST: RequestHandler = ({ request, locals }) =>
  handleGraphQLRequest(request, locals.viewer);
