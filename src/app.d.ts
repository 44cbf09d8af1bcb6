// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** Quoted to support staff so they can find the server log entry; never an internal detail. */
      errorId?: string;
    }
    interface Locals {
      requestId: string;
    }
  }
}

export {};
