/**
 * Facts about the HTTP request being answered that deep layers need but should not be handed
 * through every call: today the caller's address, which the audit trail records (DESIGN.md rule
 * 5). hooks.server.ts opens the scope around each request; code outside a request (workers,
 * scripts, tests calling services directly) sees no scope and records no address.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  ip: string | null;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function requestScope(): RequestScope | undefined {
  return storage.getStore();
}
