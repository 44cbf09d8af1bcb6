/**
 * Geometry for the dashboard's SVG charts, computed from the values as shown (already suppressed):
 * a chart drawn from the hidden counts would give them away through its heights. A "<5" is drawn
 * at 2.5, the middle of 1 to 4, and marked as suppressed so the chart can draw it differently.
 */
import { SMALL } from './suppress.ts';

export interface ChartBox {
  width: number;
  height: number;
  /** Room for axis labels: top, right, bottom, left. */
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_BOX: ChartBox = {
  width: 320,
  height: 160,
  margin: { top: 10, right: 10, bottom: 24, left: 40 }
};

export interface ChartInput {
  /** Short label of the x position (a week start, "now"). */
  label: string;
  /** The value as shown: a number, "0" or "<5". */
  shown: string;
}

export interface ChartPoint {
  x: number;
  y: number;
  label: string;
  shown: string;
  suppressed: boolean;
}

export interface Tick {
  at: number;
  label: string;
}

export interface LineChartModel {
  points: ChartPoint[];
  /** SVG path `d` through the points. */
  path: string;
  yTicks: Tick[];
  xTicks: Tick[];
  /** Baseline y (value 0). */
  baseline: number;
}

export interface BarChartModel {
  bars: (ChartPoint & { width: number; height: number })[];
  yTicks: Tick[];
  xTicks: Tick[];
  baseline: number;
}

/** The number a shown value is drawn at. */
export function plotValue(shown: string): number {
  if (shown === SMALL) return 2.5;
  const n = Number(shown);
  return Number.isFinite(n) ? n : 0;
}

/** The smallest "nice" number (1, 2, 2.5, 5 times a power of ten) at or above `max`; 5 at least. */
export function niceMax(max: number): number {
  if (!(max > 5)) return 5;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** `count` + 1 evenly spaced whole-number ticks from 0 to `max` (fewer when max is small). */
export function tickValues(max: number, count = 4): number[] {
  const step = Math.max(1, Math.ceil(max / count));
  const values: number[] = [];
  for (let v = 0; v <= max; v += step) values.push(v);
  return values;
}

export function linear(
  domain: [number, number],
  range: [number, number]
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

const round = (n: number) => Math.round(n * 10) / 10;

/** About `wanted` x labels, always the first and the last. */
function xTickIndexes(count: number, wanted = 4): number[] {
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (wanted - 1);
  return Array.from({ length: wanted }, (_, i) => Math.round(i * step));
}

function yAxis(inputs: ChartInput[], box: ChartBox) {
  const max = niceMax(Math.max(0, ...inputs.map((p) => plotValue(p.shown))));
  const y = linear([0, max], [box.height - box.margin.bottom, box.margin.top]);
  const yTicks = tickValues(max).map((v) => ({ at: round(y(v)), label: String(v) }));
  return { y, yTicks };
}

export function lineChart(inputs: ChartInput[], box: ChartBox = DEFAULT_BOX): LineChartModel {
  const { y, yTicks } = yAxis(inputs, box);
  const x = linear(
    [0, Math.max(1, inputs.length - 1)],
    [box.margin.left, box.width - box.margin.right]
  );
  const points = inputs.map((p, i) => ({
    x: round(x(i)),
    y: round(y(plotValue(p.shown))),
    label: p.label,
    shown: p.shown,
    suppressed: p.shown === SMALL
  }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const xTicks = xTickIndexes(points.length).map((i) => ({
    at: points[i]?.x ?? 0,
    label: points[i]?.label ?? ''
  }));
  return { points, path, yTicks, xTicks, baseline: round(y(0)) };
}

export function barChart(inputs: ChartInput[], box: ChartBox = DEFAULT_BOX): BarChartModel {
  const { y, yTicks } = yAxis(inputs, box);
  const inner = box.width - box.margin.left - box.margin.right;
  const slot = inner / Math.max(1, inputs.length);
  const width = round(Math.max(1, slot * 0.7));
  const baseline = round(y(0));
  const bars = inputs.map((p, i) => {
    const top = round(y(plotValue(p.shown)));
    return {
      x: round(box.margin.left + slot * i + (slot - width) / 2),
      y: top,
      width,
      height: round(baseline - top),
      label: p.label,
      shown: p.shown,
      suppressed: p.shown === SMALL
    };
  });
  const xTicks = xTickIndexes(bars.length).map((i) => ({
    at: round((bars[i]?.x ?? 0) + width / 2),
    label: bars[i]?.label ?? ''
  }));
  return { bars, yTicks, xTicks, baseline };
}
