// A small Prometheus registry: counters, histograms and exact decimal sums, rendered in the text
// exposition format (version 0.0.4). Money sums are kept as integer cents (BigInt), never floats.

type Labels = Record<string, string>;

/** The rendered label set (`a="1",b="2"`); callers on a hot path compute it once and reuse it. */
export function labelKey(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}="${escapeLabel(labels[k]!)}"`).join(',');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** A monotonically increasing count per label set. */
export class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels, by = 1): void {
    this.incKey(labelKey(labels), by);
  }

  /** `inc` with a label set already rendered by labelKey(). */
  incKey(k: string, by = 1): void {
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    for (const [k, v] of this.values) out += `${this.name}{${k}} ${v}\n`;
    return out;
  }
}

/** A running sum of decimal amounts (e.g. money granted), exact to `scale` fraction digits. */
export class DecimalCounter {
  private readonly values = new Map<string, bigint>();
  private readonly factor: bigint;
  constructor(readonly name: string, readonly help: string, readonly scale = 2) {
    this.factor = 10n ** BigInt(scale);
  }

  /** Adds a decimal string such as "80.00"; anything that is not a plain decimal is ignored. */
  add(labels: Labels, amount: string): void {
    this.addKey(labelKey(labels), amount);
  }

  /** `add` with a label set already rendered by labelKey(). */
  addKey(k: string, amount: string): void {
    const units = this.units(amount);
    if (units !== null) this.values.set(k, (this.values.get(k) ?? 0n) + units);
  }

  /** The amount in units of 10^-scale (fraction digits past the scale are cut), or null. */
  private units(amount: string): bigint | null {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
    if (!m) return null;
    const frac = (m[3] ?? '').padEnd(this.scale, '0').slice(0, this.scale);
    // The integer and fraction digits side by side are the amount in units: one BigInt conversion.
    let units = BigInt(m[2]! + frac);
    if (m[1]) units = -units;
    return units;
  }

  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} counter\n`;
    for (const [k, v] of this.values) {
      const neg = v < 0n;
      const abs = neg ? -v : v;
      const int = abs / this.factor;
      const frac = (abs % this.factor).toString().padStart(this.scale, '0');
      out += `${this.name}{${k}} ${neg ? '-' : ''}${int}${this.scale ? `.${frac}` : ''}\n`;
    }
    return out;
  }
}

/** A latency histogram with fixed buckets (seconds). */
export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  ) {}

  observe(labels: Labels, seconds: number): void {
    this.observeKey(labelKey(labels), seconds);
  }

  /** `observe` with a label set already rendered by labelKey(). */
  observeKey(k: string, seconds: number): void {
    let s = this.series.get(k);
    if (!s) {
      s = { counts: new Array(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (seconds <= this.buckets[i]!) s.counts[i]!++;
    s.sum += seconds;
    s.count++;
  }

  render(): string {
    let out = `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n`;
    for (const [k, s] of this.series) {
      const sep = k ? ',' : '';
      this.buckets.forEach((b, i) => (out += `${this.name}_bucket{${k}${sep}le="${b}"} ${s.counts[i]}\n`));
      out += `${this.name}_bucket{${k}${sep}le="+Inf"} ${s.count}\n`;
      out += `${this.name}_sum{${k}} ${s.sum}\n${this.name}_count{${k}} ${s.count}\n`;
    }
    return out;
  }
}

/** Everything /metrics shows. */
export interface Renderable {
  render(): string;
}

/** A set of metrics rendered together. */
export class Registry {
  private readonly items: Renderable[] = [];
  register<T extends Renderable>(m: T): T {
    this.items.push(m);
    return m;
  }
  render(): string {
    return this.items.map((m) => m.render()).join('');
  }
}
