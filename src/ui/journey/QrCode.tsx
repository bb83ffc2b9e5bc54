import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code holding plain text, drawn as SVG. The QR library is loaded only when a person asks for the code.
 * Error correction M: still readable from a slightly dirty kiosk screen, and room for a few hundred characters.
 */
export function QrCode({ text, label }: { readonly text: string; readonly label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [modules, setModules] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ encode, renderSVG }) => {
      if (cancelled) return;
      setModules(encode(text, { ecc: 'M', border: 2 }).size);
      setSvg(renderSVG(text, { ecc: 'M', border: 2 }));
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
