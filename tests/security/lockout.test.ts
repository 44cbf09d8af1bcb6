/**
 * Issue 15, finding 11: "lockout as a weapon", made as an attacker would over HTTP against the
 * built app, posting the real sign-in form.
 *
 * The app takes the client's address from the connection (adapter-node's getClientAddress; no
 * forwarding header is trusted unless ADDRESS_HEADER is configured), so each "address" here is a
 * different loopback address the request is sent from: Linux routes all of 127.0.0.0/8 to the
 * loopback interface, and the server listening on 127.0.0.1 sees the address we bound to.
 *
 * The attack sizes are written out rather than read from the throttle's limits, so the test says
 * what an attacker can do, whatever the limits are called.
 *
 * Fixtures (unique to the run, deleted afterwards): practitioners with the fixture password.
 */
import { randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listOutbox, type OutboxEmail } from '../../workers/mail/local-outbox.ts';
import {
  FIXTURE_PASSWORD,
  addPerson,
  auditTypes,
  closeAll,
  linkIn,
  removeAccountsFixture,
  run,
  type Person
} from '../integration/accounts-fixtures.ts';

const baseUrl = inject('baseUrl');
const fixture = { tag: randomUUID().replace(/-/g, '').slice(0, 10), ids: new Set<string>() };
const WRONG = 'wrong password guess 2026';

// Addresses unique to this run (a retried test must not find the first try's counters).
const net = `127.${randomInt(1, 255)}.${randomInt(0, 255)}`;
let hosts = 0;
/** A new client address: 127.a.b.c, one this run has not used. */
function newAddress(): string {
  hosts += 1;
  if (hosts > 250) throw new Error('Out of test addresses');
  return `${net}.${hosts + 1}`;
}

interface Answer {
  status: number;
  body: string;
  cookie: string | null;
  location: string | null;
}

/** A browser's form post, sent from `from` (a loopback address). */
function postFrom(from: string, path: string, fields: Record<string, string>): Promise<Answer> {
  const url = new URL(path, baseUrl);
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        localAddress: from,
        headers: {
          origin: baseUrl,
          accept: 'text/html',
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body)
        }
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const session = (response.headers['set-cookie'] ?? []).find((c) =>
            c.startsWith('ta_session=')
          );
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cookie: session ? session.split(';')[0]! : null,
            location: response.headers.location ?? null
          });
        });
      }
    );
    request.on('error', reject);
    request.end(body);
  });
}

const signInFrom = (from: string, email: string, password: string) =>
  postFrom(from, '/login', { email, password });

/** The message the sign-in page shows, for comparing answers. */
function shownMessage(answer: Answer): string {
  return /<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/.exec(answer.body)?.[1]?.trim() ?? '';
}

function expectSignedIn(answer: Answer, who: string): void {
  expect(answer.status, `${who}: ${shownMessage(answer)}`).toBe(303);
  expect(answer.cookie, who).not.toBeNull();
}

async function fail(from: string, email: string, times: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < times; i++) answers.push(await signInFrom(from, email, WRONG));
  return answers;
}

/** The unlock email is sent in the background; wait for it (not a timing assertion). */
async function unlockEmailsTo(address: string, atLeast: number): Promise<OutboxEmail[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await listOutbox()).filter((e) => e.to === address);
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

afterAll(async () => {
  await removeAccountsFixture(fixture);
  await closeAll();
});

const person = (name: string): Promise<Person> => addPerson(fixture, name);

describe('finding 11: failed sign-ins cannot lock others out', () => {
  it('an attacker failing 10 times at one address does not lock the victim out of another', async () => {
    const victim = await person('Vera Victim');
    const attacker = newAddress();
    const victimsDesk = newAddress();

    const attempts = await fail(attacker, victim.email, 10);
    for (const answer of attempts) expect(answer.status).toBe(400);

    expectSignedIn(await signInFrom(victimsDesk, victim.email, FIXTURE_PASSWORD), 'victim');
  });

  it('brute force from one address is still stopped: there even the right password is refused, with the same message', async () => {
    const target = await person('Tom Target');
    const attacker = newAddress();

    const wrong = await fail(attacker, target.email, 10);
    const right = await signInFrom(attacker, target.email, FIXTURE_PASSWORD);
    expect(right.status).toBe(400);
    expect(right.cookie).toBeNull();
    expect(shownMessage(right)).not.toBe('');
    expect(shownMessage(right)).toBe(shownMessage(wrong[0]!));
    // Only that pair is locked: the holder signs in from their own address.
    expectSignedIn(await signInFrom(newAddress(), target.email, FIXTURE_PASSWORD), 'target');
  });

  it('colleagues behind one council address mistyping their own passwords 30 times do not lock out the next colleague', async () => {
    const councilNat = newAddress();
    const clumsy: Person[] = [];
    for (let i = 0; i < 6; i++) clumsy.push(await person('Clumsy Colleague'));
    const next = await person('Careful Colleague');

    for (const colleague of clumsy) await fail(councilNat, colleague.email, 5);

    expectSignedIn(await signInFrom(councilNat, next.email, FIXTURE_PASSWORD), 'colleague');
  });

  it('guessing spread over many addresses pauses the account everywhere, emails its holder one unlock link, and the link lifts the pause', async () => {
    const holder = await person('Hana Holder');
    // 50 failures from 10 addresses, 5 from each.
    for (let i = 0; i < 10; i++) await fail(newAddress(), holder.email, 5);

    const paused = await signInFrom(newAddress(), holder.email, FIXTURE_PASSWORD);
    expect(paused.status).toBe(400);
    expect(paused.cookie).toBeNull();

    const emails = await unlockEmailsTo(holder.email, 1);
    expect(emails.map((e) => e.subject)).toEqual(['Sign-in to your Teamaround account is paused']);
    // More guesses while paused are refused without counting: no second email or link.
    for (let i = 0; i < 2; i++) await fail(newAddress(), holder.email, 5);
    expect((await listOutbox()).filter((e) => e.to === holder.email)).toHaveLength(1);
    const links = await run(
      'MATCH (u:SignInUnlock {practitionerId: $id}) RETURN u.tokenHash AS hash',
      { id: holder.id }
    );
    expect(links).toHaveLength(1);

    const token = linkIn(emails[0], 'unlock');
    expect(links[0]?.hash).not.toBe(token);
    const holderAt = newAddress();
    const page = await fetch(`${baseUrl}/unlock/${token}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    // Opening the page (a mail scanner does) lifts nothing; the button does.
    expect((await signInFrom(holderAt, holder.email, FIXTURE_PASSWORD)).status).toBe(400);

    const unlocked = await postFrom(holderAt, `/unlock/${token}`, {});
    expect(unlocked.status).toBe(303);
    expect(unlocked.location).toBe('/login?notice=sign-in-unlocked');
    expectSignedIn(await signInFrom(holderAt, holder.email, FIXTURE_PASSWORD), 'holder');
    expect(await auditTypes(holder.id)).toEqual(
      expect.arrayContaining(['auth.signin.paused', 'auth.signin.unlocked'])
    );

    // The link works once.
    expect((await postFrom(holderAt, `/unlock/${token}`, {})).status).toBe(410);
  });
});
