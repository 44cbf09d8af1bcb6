import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // BUILD_DIR lets the end-to-end tests build beside a running `npm start` without disturbing it.
    adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
    // Hashes let SvelteKit's own inline bootstrap run under a CSP without 'unsafe-inline'.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none']
      }
    },
    alias: {
      $graph: 'graph',
      $workers: 'workers'
    }
  }
};

export default config;
