/**
 * Small SVG charts for the dashboard, drawn with attributes only (the
 * Content-Security-Policy forbids inline styles). Each chart sits next to a
 * table of the same figures for screen readers and for copying.
 */

import { escapeXml } from '../../core/views/svg.ts';

export interface SparkPoint {
  label: string;
  value: number | null;
  target?: number | null;
}

/** A trend line over rounds, with the target as a dashed line and the last point marked. */
export function sparkline(points: SparkPoint[], title: string, options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 220;
  const height = options.height ?? 56;
  const pad = 6;
  const values = points.flatMap((p) => [p.value, p.target ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const x = (i: number) => pad + (points.length <= 1 ? (width - 2 * pad) / 2 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - ((v - min) / (max - min || 1)) * (height - 2 * pad);
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const targets = points.map((p, i) => (p.target !== null && p.target !== undefined ? `${x(i).toFixed(1)},${y(p.target).toFixed(1)}` : null)).filter(Boolean);
  const lastIndex = points.map((p) => p.value).lastIndexOf(points.filter((p) => p.value !== null).at(-1)?.value ?? NaN);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bw-sparkline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" focusable="false">`,
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#b1b4b6" stroke-width="1"/>`,
    targets.length > 1 ? `<polyline points="${targets.join(' ')}" fill="none" stroke="#6f777b" stroke-width="1.5" stroke-dasharray="4 3"/>` : '',
    ...segments.map((segment) =>
      segment.includes(' ')
        ? `<polyline points="${segment}" fill="none" stroke="#0b4f54" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`
        : '',
    ),
    lastIndex >= 0 && points[lastIndex].value !== null
      ? `<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(points[lastIndex].value).toFixed(1)}" r="3.5" fill="#0b4f54"/>`
      : '',
    '</svg>',
  ];
  return parts.join('');
}

export interface Bar {
  label: string;
  value: number;
  colour?: string;
}

/** Horizontal bars, for counts like themes by hub. */
/** A label broken into lines of at most `width` characters at spaces, at most two lines, the second ending "…" if cut. */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  const second = lines.slice(1).join(' ');
  return [lines[0].length > width ? `${lines[0].slice(0, width - 1)}…` : lines[0], `${second.slice(0, width - 1).trimEnd()}…`];
}

export function horizontalBars(bars: Bar[], title: string, options: { width?: number } = {}): string {
  const width = options.width ?? 560;
  const labelWidth = 230;
  // About 7 pixels a character at 12 px: a line of 30 fits the label column with room to spare, in a browser or in Word.
  const labels = bars.map((bar) => wrapLabel(bar.label, 30));
  const rowHeight = labels.some((lines) => lines.length > 1) ? 34 : 24;
  const top = 28;
  const height = top + bars.length * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = width - labelWidth - 50;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="4" y="16" font-size="13" font-weight="bold" fill="#0b0c0c">${escapeXml(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const yTop = top + i * rowHeight;
    const middle = yTop + rowHeight / 2;
    const length = (bar.value / max) * barSpace;
    const lines = labels[i];
    lines.forEach((line, n) => {
      const y = middle + 4 + (n - (lines.length - 1) / 2) * 14;
      parts.push(`<text x="${labelWidth - 6}" y="${y}" text-anchor="end" fill="#0b0c0c">${escapeXml(line)}</text>`);
    });
    parts.push(`<rect x="${labelWidth}" y="${middle - 8}" width="${Math.max(1, length).toFixed(1)}" height="16" fill="${bar.colour ?? '#0b4f54'}"/>`);
    parts.push(`<text x="${(labelWidth + length + 6).toFixed(1)}" y="${middle + 4}" fill="#0b0c0c">${bar.value}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
