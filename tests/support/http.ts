/**
 * Plain HTTP helpers for end-to-end tests that need no browser: sign in through the real /login
 * form action, send form posts the way a browser would (same-origin, so SvelteKit's CSRF check
 * passes) and call /graphql.
 */
export interface HttpResult {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export function sessionCookieFrom(response: Response): string | null {
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((c) => c.startsWith('ta_session='));
  return session ? session.split(';')[0]! : null;
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    // Without `accept: text/html` SvelteKit answers a form post as an enhanced (JSON) request.
    headers: {
      origin: baseUrl,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded'
    },
    body: new URLSearchParams({ email, password })
  });
  await response.body?.cancel();
  const cookie = sessionCookieFrom(response);
  if (response.status !== 303 || !cookie) {
    throw new Error(`Sign-in as ${email} failed with ${response.status}`);
  }
  return cookie;
}

async function result(response: Response): Promise<HttpResult> {
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
    headers: response.headers
  };
}

export async function get(baseUrl: string, path: string, cookie?: string): Promise<HttpResult> {
  return result(
    await fetch(`${baseUrl}${path}`, {
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) }
    })
  );
}

export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string
): Promise<HttpResult> {
  return result(
    await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: baseUrl,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {})
      },
      body: new URLSearchParams(fields)
    })
  );
}

export async function postGraphQL(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {}
): Promise<HttpResult> {
  return result(
    await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })
  );
}
