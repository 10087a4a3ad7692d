/** SVG charts are written by hand as strings: text in them must be escaped, and Word needs them as PNG. */
import { Resvg } from '@resvg/resvg-js';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A chart as PNG for a Word document, at twice its size for crisp printing. */
export function svgToPng(svg: string): { data: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  const image = resvg.render();
  return { data: image.asPng(), width: image.width / 2, height: image.height / 2 };
}
