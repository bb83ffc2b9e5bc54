// `npm start`: serves the production build (already built by the npm script) on http://localhost:4173, under
// REPERE_BASE when the build was made for a path (docs/DEPLOY.md).
import { preview } from 'vite';
import { deployBase } from './deploy-base.mjs';

const server = await preview({ preview: { port: 4173, strictPort: true, host: 'localhost' } });
server.printUrls();
console.log(`\nRepère kiosk ready at http://localhost:4173${deployBase()} (Ctrl+C to stop).`);
