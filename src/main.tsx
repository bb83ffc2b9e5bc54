import { render } from 'preact';
import { ensurePlacesDataset } from './app/places-dataset';
import { observable } from './app/observable';
import { resumeSession } from './app/sessions';
import { loadDemoPlaces } from './content/demo-places';
import { QUESTIONNAIRE } from './content/questionnaire';
import { DEFAULT_LANGUAGE } from './domain/language';
import { createI18n, switchLanguage } from './i18n/i18n';
import { registerServiceWorker } from './pwa/sw-bridge';
import { openStorage } from './storage/open-storage';
import { requestPersistence } from './storage/persistence';
import { App, type AppServices } from './ui/App';
import './ui/styles.css';

/** The composition root: opens storage, resumes a session left by a reload, wires the service worker, renders. */
async function main() {
  const staleDatabase = observable(false);
  const updateReady = observable(false);
  const i18n = createI18n();
  const storage = await openStorage({ onStale: () => staleDatabase.set(true) });
  const resumed = await resumeSession({ storage, now: () => new Date() }, QUESTIONNAIRE).catch(() => undefined);
  await switchLanguage(i18n, resumed?.language ?? DEFAULT_LANGUAGE, document.documentElement);

  const services: AppServices = {
    storage,
    i18n,
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    serviceWorker: import.meta.env.PROD ? registerServiceWorker({ onUpdateReady: () => updateReady.set(true) }) : null,
    staleDatabase,
    updateReady,
  };
  const root = document.getElementById('app');
  if (!root) throw new Error('#app is missing from index.html');
  // The build prerendered the welcome screen into #app: render() reuses those nodes instead of redrawing them.
  render(<App services={services} resumed={resumed} />, root);

  // After the first screen: nothing here may delay it.
  void requestPersistence(navigator.storage);
  void ensurePlacesDataset({ storage, loadDemo: loadDemoPlaces }).catch((error: unknown) =>
    console.warn('Repère: demo places not loaded', error),
  );
}

void main();
