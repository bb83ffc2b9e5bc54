/** Long enough for every browser to have read the file (Firefox and Safari read it after the click returns). */
const REVOKE_DELAY_MS = 10_000;

/**
 * Saves a text as a file, on the device, without any network: a Blob, an object URL and a temporary `<a download>`
 * clicked once. The URL is revoked a little later, so the memory is given back.
 */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}

/** The same for a file built in parts (an export streamed batch by batch: no one string of 15 MB). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
  }
}
