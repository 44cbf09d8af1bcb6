/**
 * An error whose message is a paragraph for a person: what happened and what to do. Scripts print
 * it without a stack trace; anything else is a bug and keeps its stack.
 */
export class FriendlyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FriendlyError';
  }
}

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (
      error instanceof FriendlyError ||
      (error instanceof Error && (error.name === 'ConfigError' || error.name === 'MigrationError'))
    ) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
