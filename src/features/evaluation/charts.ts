import { escapeXml } from '../../core/views/svg.ts';

/**
 * Charts as standalone SVG, drawn with attributes only (the Content-Security-
 * Policy forbids inline styles), the same picture on the page and, rendered
 * to PNG, in the Word report.
 */

const PALETTE: Record<number, string[]> = {
  5: ['#a8322d', '#e4a199', '#c6c8ca', '#7fb4b7', '#0b4f54'],
  7: ['#8a2a26', '#c4625b', '#ebb5ae', '#c6c8ca', '#a9d0d2', '#4f9397', '#0b4f54'],
};

/** Wrap text to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > width && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  return lines;
}

export interface DivergingRow {
  label: string;
  /** Count per scale point, lowest first. */
  counts: number[];
}

/**
 * A diverging stacked bar chart: disagreement to the left of the centre line,
 * agreement to the right, the neutral middle split across it.
 */
export function divergingBars(rows: DivergingRow[], labels: string[], title: string): string {
  const points = labels.length;
  const colours = PALETTE[points] ?? PALETTE[5];
  const labelWidth = 300;
  const barWidth = 440;
  const centre = labelWidth + barWidth / 2;
  const lineHeight = 16;
  const rowLayout = rows.map((row) => ({ row, lines: wrap(row.label, 44) }));
  const rowHeights = rowLayout.map((r) => Math.max(28, r.lines.length * lineHeight + 10));
  const top = 48;
  const legendHeight = points > 5 ? 58 : 40;
  const height = top + rowHeights.reduce((a, b) => a + b, 0) + legendHeight + 10;
  const width = labelWidth + barWidth + 20;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold" fill="#0b0c0c">${escapeXml(title)}</text>`,
    `<text x="${centre - barWidth / 2}" y="40" fill="#505a5f">100% disagree</text>`,
    `<text x="${centre}" y="40" text-anchor="middle" fill="#505a5f">0</text>`,
    `<text x="${centre + barWidth / 2}" y="40" text-anchor="end" fill="#505a5f">100% agree</text>`,
  ];
  let y = top;
  rowLayout.forEach(({ row, lines }, index) => {
    const h = rowHeights[index];
    const n = row.counts.reduce((a, b) => a + b, 0);
    lines.forEach((line, i) =>
      parts.push(`<text x="${labelWidth - 10}" y="${y + 14 + i * lineHeight}" text-anchor="end" fill="#0b0c0c">${escapeXml(line)}</text>`),
    );
    if (n > 0) {
      const half = barWidth / 2;
      const share = row.counts.map((c) => (c / n) * half);
      const middle = points % 2 === 1 ? Math.floor(points / 2) : -1;
      // Left of centre: the neutral half, then disagreement outwards.
      let left = centre - (middle >= 0 ? share[middle] / 2 : 0);
      if (middle >= 0)
        parts.push(`<rect x="${left.toFixed(1)}" y="${y + 4}" width="${share[middle].toFixed(1)}" height="${h - 10}" fill="${colours[middle]}"/>`);
      for (let p = (middle >= 0 ? middle : points / 2) - 1; p >= 0; p--) {
        left -= share[p];
        parts.push(`<rect x="${left.toFixed(1)}" y="${y + 4}" width="${share[p].toFixed(1)}" height="${h - 10}" fill="${colours[p]}"/>`);
      }
      let right = centre + (middle >= 0 ? share[middle] / 2 : 0);
      for (let p = middle >= 0 ? middle + 1 : points / 2; p < points; p++) {
        parts.push(`<rect x="${right.toFixed(1)}" y="${y + 4}" width="${share[p].toFixed(1)}" height="${h - 10}" fill="${colours[p]}"/>`);
        right += share[p];
      }
      const agree = row.counts.slice(Math.ceil(points / 2)).reduce((a, b) => a + b, 0);
      parts.push(
        `<text x="${Math.min(right + 4, width - 40).toFixed(1)}" y="${y + h / 2 + 2}" fill="#0b0c0c" font-size="11">${Math.round((100 * agree) / n)}%</text>`,
      );
    }
    y += h;
  });
  parts.push(`<line x1="${centre}" y1="${top}" x2="${centre}" y2="${y}" stroke="#0b0c0c" stroke-width="1"/>`);
  // Legend entries placed one after another by their text's width, wrapping to a second line when full.
  let legendX = 8;
  let legendY = y + 24;
  labels.forEach((label, i) => {
    const entryWidth = 20 + label.length * 6.4 + 14;
    if (legendX + entryWidth > width - 8) {
      legendX = 8;
      legendY += 18;
    }
    parts.push(`<rect x="${legendX}" y="${legendY - 10}" width="12" height="12" fill="${colours[i]}"/>`);
    parts.push(`<text x="${legendX + 16}" y="${legendY}" font-size="11" fill="#0b0c0c">${escapeXml(label)}</text>`);
    legendX += entryWidth;
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Means before and after for each domain, as paired horizontal bars. */
export function beforeAfterBars(rows: Array<{ label: string; before: number; after: number }>, max: number, title: string): string {
  const labelWidth = 300;
  const barWidth = 400;
  const rowHeight = 44;
  const top = 40;
  const height = top + rows.length * rowHeight + 40;
  const width = labelWidth + barWidth + 60;
  const scale = (value: number) => ((value - 1) / (max - 1)) * barWidth;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold" fill="#0b0c0c">${escapeXml(title)}</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    wrap(row.label, 44).forEach((line, k) =>
      parts.push(`<text x="${labelWidth - 10}" y="${y + 14 + k * 14}" text-anchor="end" fill="#0b0c0c">${escapeXml(line)}</text>`),
    );
    parts.push(`<rect x="${labelWidth}" y="${y + 2}" width="${scale(row.before).toFixed(1)}" height="16" fill="#b1b4b6"/>`);
    parts.push(`<text x="${(labelWidth + scale(row.before) + 4).toFixed(1)}" y="${y + 14}" font-size="11" fill="#0b0c0c">${row.before.toFixed(2)}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 20}" width="${scale(row.after).toFixed(1)}" height="16" fill="#0b4f54"/>`);
    parts.push(`<text x="${(labelWidth + scale(row.after) + 4).toFixed(1)}" y="${y + 32}" font-size="11" fill="#0b0c0c">${row.after.toFixed(2)}</text>`);
  });
  const legendY = top + rows.length * rowHeight + 24;
  parts.push(
    `<rect x="8" y="${legendY - 10}" width="12" height="12" fill="#b1b4b6"/><text x="24" y="${legendY}" font-size="11">Baseline (mean, 1 to ${max})</text>`,
  );
  parts.push(
    `<rect x="220" y="${legendY - 10}" width="12" height="12" fill="#0b4f54"/><text x="236" y="${legendY}" font-size="11">Final (mean, same people)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
