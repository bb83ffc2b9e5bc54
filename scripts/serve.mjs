// `npm start`: serves the production build (already built by the npm script) on http://localhost:4173.
import { preview } from 'vite';

const server = await preview({ preview: { port: 4173, strictPort: true, host: 'localhost' } });
server.printUrls();
console.log('\nRepère kiosk ready at http://localhost:4173 (Ctrl+C to stop).');
