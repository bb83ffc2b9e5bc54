import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code holding plain text, drawn as SVG. The QR library is loaded only when a person asks for the code.
 * Error correction M: still readable from a slightly dirty kiosk screen, and room for a few hundred characters.
 */
export function QrCode({ text, label }: { readonly text: string; readonly label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ renderSVG }) => {
      if (!cancelled) setSvg(renderSVG(text, { ecc: 'M', border: 2 }));
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  // The SVG comes from the QR library, built from our own text: no markup from outside reaches it.
  return <div class="qr" role="img" aria-label={label} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}
