/// <reference types="vite/client" />
/**
 * Commands and command-style queries (DESIGN.md "One API": writes are commands whose resolvers
 * call services). Every `*.graphql` in this folder is added to the schema and every
 * `*.resolvers.ts` contributes its `resolvers`, so a new command is two new files and no edit here.
 * Like graph/schema.ts, this relies on Vite (`import.meta.glob`, `?raw`) to inline the files.
 */

/** Resolvers by type name, then field name. */
export type ResolverMap = Record<string, Record<string, (...args: never[]) => unknown>>;

const sdl = import.meta.glob<string>('./*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true
});
const modules = import.meta.glob<{ resolvers: ResolverMap }>('./*.resolvers.ts', { eager: true });

/** The command SDL, in file-name order so the schema is the same on every build. */
export const commandTypeDefs: string = Object.keys(sdl)
  .sort()
  .map((file) => sdl[file])
  .join('\n');

/** Every command resolver; the same field defined twice is a mistake worth failing on. */
export const commandResolvers: ResolverMap = {};
for (const file of Object.keys(modules).sort()) {
  for (const [type, fields] of Object.entries(modules[file]?.resolvers ?? {})) {
    const merged = (commandResolvers[type] ??= {});
    for (const [field, resolver] of Object.entries(fields)) {
      if (merged[field]) throw new Error(`graph/commands: ${type}.${field} is defined twice`);
      merged[field] = resolver;
    }
  }
}
