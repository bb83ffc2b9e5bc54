/** Pictogram ids are Lucide icon names in kebab-case ("heart-pulse"); the UI draws the icon of that name. */
export function pictogramExportName(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
