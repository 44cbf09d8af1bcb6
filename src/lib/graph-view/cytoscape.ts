/**
 * Cytoscape with fcose registered, once, at module scope (as react-cytoscapejs registers
 * extensions): every graph imports Cytoscape from here. Works in the browser and headless in Node.
 */
// tsconfig.node.json (the tests) does not pick up src/**/*.d.ts on its own.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./cytoscape-fcose.d.ts" />
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { installFastStyleCache } from './style-cache.ts';

// A second registration (hot reload) would only log a warning, but there is no need for it.
if (!cytoscape('layout', 'fcose')) cytoscape.use(fcose);
installFastStyleCache(cytoscape);

export default cytoscape;
