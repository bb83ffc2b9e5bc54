// Finds (and if needed installs) the nginx that the sub-path end-to-end test serves the app behind: $NGINX_PATH,
// /usr/sbin/nginx, else Debian's `nginx` with apt-get as root, exactly as Chromium is found (browser.mjs).
import { existsSync } from 'node:fs';
import { canInstallDebianPackages, installDebianPackages } from './debian-packages.mjs';

/** The path of an nginx already on this machine, or null. */
export function findNginx() {
  if (process.env.NGINX_PATH && existsSync(process.env.NGINX_PATH)) return process.env.NGINX_PATH;
  return ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path)) ?? null;
}

/** An nginx path, installing Debian's package when none is found. Throws, saying what to do, when nothing works. */
export function ensureNginx() {
  const found = findNginx();
  if (found) return found;
  if (canInstallDebianPackages()) {
    console.log('No nginx found: installing Debian’s nginx with apt-get (the sub-path test serves the app behind it).');
    installDebianPackages(['nginx']);
  }
  const installed = findNginx();
  if (!installed) throw new Error('No nginx could be found or installed: install nginx (Debian: apt-get install nginx) or set NGINX_PATH.');
  return installed;
}
