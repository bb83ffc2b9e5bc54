import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code holding plain text, drawn as SVG. The QR library is loaded only when a person asks for the code.
 * Error correction M: still readable from a slightly dirty kiosk screen, and room for a few hundred characters.
 */
/** SVG units per module: the viewBox is the module count times this. */
const PIXEL_SIZE = 10;

export function QrCode({ text, label }: { readonly text: string; readonly label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [modules, setModules] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ renderSVG }) => {
      if (cancelled) return;
      const drawn = renderSVG(text, { ecc: 'M', border: 2, pixelSize: PIXEL_SIZE });
      // The modules across, read off the drawing's own width (encoding the text a second time would cost as much).
      setModules(Number(/viewBox="0 0 (\d+)/.exec(drawn)?.[1] ?? 0) / PIXEL_SIZE);
      setSvg(drawn);
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  // The SVG comes from the QR library, built from our own text: no markup from outside reaches it.
  // At least 4 screen pixels per module, or phone cameras cannot tell the modules apart (the CSS reads the count).
  return (
    <div
      class="qr"
      role="img"
      aria-label={label}
      style={modules ? { '--qr-modules': String(modules) } : undefined}
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
