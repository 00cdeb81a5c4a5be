// Small inline SVG charts (bars for calls, lines for latency) drawn without a chart library, so
// the studio works offline. Pure: a chart is an SVG string built from escaped text.

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least the maximum. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

function formatTick(value: number): string {
  if (value >= 1_000_000) return `${value / 1_000_000}M`;
  if (value >= 1000) return `${value / 1000}k`;
  return String(Math.round(value * 100) / 100);
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const frame: Frame = { width: 640, height: 220, left: 48, right: 12, top: 14, bottom: 40 };

function axes(max: number, unit: string, labels: string[], f: Frame): string {
  const plotH = f.height - f.top - f.bottom;
  const plotW = f.width - f.left - f.right;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const y = f.top + plotH - (plotH * i) / 4;
    parts.push(`<line x1="${f.left}" x2="${f.width - f.right}" y1="${y}" y2="${y}" class="grid"/>`);
    parts.push(`<text x="${f.left - 6}" y="${y + 4}" text-anchor="end" class="tick">${escapeXml(formatTick((max * i) / 4))}</text>`);
  }
  // At most ~8 x labels so they never overlap, even on a phone.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = f.left + (plotW * (i + 0.5)) / Math.max(1, labels.length);
    parts.push(`<text x="${x}" y="${f.height - f.bottom + 16}" text-anchor="middle" class="tick">${escapeXml(label)}</text>`);
  });
  parts.push(`<text x="${f.left}" y="${f.height - 6}" class="unit">${escapeXml(unit)}</text>`);
  return parts.join('');
}

/** An axis maximum for counts: four ticks of a whole, nice step (4, 8, 20, 40, 80, 200, ...). */
export function countMax(max: number): number {
  return 4 * Math.max(1, niceMax(max / 4));
}

/** A bar chart of one count per label (e.g. calls per hour). */
export function barChart(title: string, labels: string[], values: number[], unit: string): string {
  const f = frame;
  const max = countMax(Math.max(0, ...values));
  const plotH = f.height - f.top - f.bottom;
  const plotW = f.width - f.left - f.right;
  const slot = plotW / Math.max(1, labels.length);
  const bars = values.map((v, i) => {
    const height = (plotH * Math.max(0, v)) / max;
    const x = f.left + slot * i + slot * 0.15;
    return `<rect x="${x.toFixed(1)}" y="${(f.top + plotH - height).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${height.toFixed(1)}" class="bar"><title>${escapeXml(`${labels[i]}: ${v} ${unit}`)}</title></rect>`;
  });
  return `<svg viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeXml(title)}" class="chart"><title>${escapeXml(title)}</title>${axes(max, unit, labels, f)}${bars.join('')}</svg>`;
}

/** A line chart of several series over the same labels; null values leave a gap. */
export function lineChart(title: string, labels: string[], series: { name: string; values: (number | null)[] }[], unit: string): string {
  const f = frame;
  // Four ticks of a nice step (1, 2 or 5 times a power of ten), so tick labels stay short.
  const max = 4 * niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))) / 4);
  const plotH = f.height - f.top - f.bottom;
  const plotW = f.width - f.left - f.right;
  const x = (i: number) => f.left + (plotW * (i + 0.5)) / Math.max(1, labels.length);
  const y = (v: number) => f.top + plotH - (plotH * v) / max;
  const paths = series.map((s, index) => {
    let d = '';
    let pen = false;
    const dots: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      dots.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" class="dot s${index}"><title>${escapeXml(`${s.name} ${labels[i]}: ${v} ${unit}`)}</title></circle>`);
    });
    return `<path d="${d}" class="line s${index}" fill="none"/>${dots.join('')}`;
  });
  const legend = series.map((s, i) => `<g transform="translate(${f.width - f.right - 70 * (series.length - i)},${f.top})"><rect width="10" height="10" class="swatch s${i}"/><text x="14" y="9" class="tick">${escapeXml(s.name)}</text></g>`);
  return `<svg viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeXml(title)}" class="chart"><title>${escapeXml(title)}</title>${axes(max, unit, labels, f)}${paths.join('')}${legend.join('')}</svg>`;
}
