// Functions run inside the page (Playwright's page.evaluate, the engine drivers' evaluate): no closure, no import, no
// named inner function (tsx would wrap it in a helper the page does not have).

/** Counts a store of the device's IndexedDB ("repere"). */
export const countStoreInPage = (name: string): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const request = indexedDB.open('repere');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const count = request.result.transaction(name).objectStore(name).count();
      count.onsuccess = () => {
        resolve(count.result);
        request.result.close();
      };
      count.onerror = () => reject(count.error);
    };
  });

/** Every record of a store of the device's IndexedDB ("repere"), as the app wrote them. */
export const readStoreInPage = (name: string): Promise<unknown[]> =>
  new Promise<unknown[]>((resolve, reject) => {
    const request = indexedDB.open('repere');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const all = request.result.transaction(name).objectStore(name).getAll();
      all.onsuccess = () => {
        resolve(all.result);
        request.result.close();
      };
      all.onerror = () => reject(all.error);
    };
  });
