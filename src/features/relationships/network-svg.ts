/**
 * The network picture as one self-contained SVG (attributes, no stylesheet),
 * so the page, the evaluation report and its Word copy draw it alike.
 */
export interface Picture {
  width: number;
  height: number;
  edges: Array<{ x1: number; y1: number; x2: number; y2: number; crossing: boolean }>;
  nodes: Array<{ x: number; y: number; colour: string; label: string; labelAnchor: string; labelDx: number; title: string }>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function networkSvg(picture: Picture, id: string, title: string, description: string): string {
  const ties = picture.edges
    .map((e) =>
      e.crossing
        ? `<line x1="${e.x1}" y1="${e.y1}" x2="${e.x2}" y2="${e.y2}" stroke="#0b0c0c" stroke-width="2.5"/>`
        : `<line x1="${e.x1}" y1="${e.y1}" x2="${e.x2}" y2="${e.y2}" stroke="#b1b4b6" stroke-width="1.5"/>`,
    )
    .join('');
  const people = picture.nodes
    .map(
      (n) =>
        `<g><title>${escape(n.title)}</title><circle cx="${n.x}" cy="${n.y}" r="8" fill="${n.colour}" stroke="#ffffff" stroke-width="2"/>` +
        (n.label
          ? `<text x="${n.x}" y="${n.y}" dx="${n.labelDx}" dy="5" text-anchor="${n.labelAnchor}" font-family="Arial, Helvetica, sans-serif" font-size="17" fill="#0b0c0c" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escape(n.label)}</text>`
          : '') +
        '</g>',
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="bw-network__svg" viewBox="0 0 ${picture.width} ${picture.height}" width="${picture.width}" height="${picture.height}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(description)}</desc>` +
    `<rect width="100%" height="100%" fill="#ffffff"/><g>${ties}</g><g>${people}</g></svg>`
  );
}
