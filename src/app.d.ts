// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/accounts/account.repository';
import type { Viewer } from '$lib/server/graphql/viewer';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Quoted to support staff so they can find the server log entry; never an internal detail. */
      errorId?: string;
    }
    interface Locals {
      requestId: string;
      /** The signed-in account, or null. */
      user: SessionUser | null;
      /** The same person as GraphQL sees them (also set for API-token callers of /graphql). */
      viewer: Viewer | null;
      sessionToken?: string;
    }
  }
}

export {};
