/** `npm run dev`: the same services as `npm start`, then Vite's dev server and the workers in watch mode. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { config } from '../src/lib/server/config.ts';
import { runCli } from './lib/friendly-error.ts';
import { prepareServices } from './lib/prepare.ts';

const root = path.resolve(import.meta.dirname, '..');

await runCli(async () => {
  const cfg = config();
  await prepareServices(cfg, (m) => console.log(`\u203a ${m}`));
  const opts = {
    cwd: root,
    stdio: 'inherit' as const,
    env: { ...process.env, NODE_ENV: 'development' }
  };
  const vite = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'dev',
      '--host',
      cfg.host,
      '--port',
      String(cfg.port)
    ],
    opts
  );
  const workers = spawn(
    process.execPath,
    ['--import', 'tsx', '--watch', path.join(root, 'workers/main.ts')],
    opts
  );
  const stop = () => {
    vite.kill('SIGTERM');
    workers.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
