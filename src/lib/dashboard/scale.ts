/**
 * Geometry for the dashboard's SVG charts, computed from the values as shown (already suppressed):
 * a chart drawn from the hidden counts would give them away through its heights. A "<5" is drawn
 * at 2.5, the middle of 1 to 4, and marked as suppressed so the chart can draw it differently.
 *
 * Scales, ticks and paths come from d3-scale and d3-shape (the maintained primitives Svelte chart
 * libraries such as LayerChart are built on). They are pure functions, so the server renders the
 * finished SVG in a fixed viewBox and the browser shows it as it is: no measuring, no layout
 * shift, and the charts work without JavaScript. See docs/decisions.md.
 */
import { scaleBand, scaleLinear, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
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

/** The top of the y axis: the largest value rounded up to a "nice" number by d3, 5 at least. */
export function niceMax(max: number): number {
  if (!(max > 5)) return 5;
  const [, top] = scaleLinear().domain([0, max]).nice(4).domain();
  return top ?? max;
}

/** About five whole-number ticks from 0 to `max` (fewer when max is small). */
export function tickValues(max: number, count = 4): number[] {
  return scaleLinear()
    .domain([0, max])
    .ticks(count)
    .filter((v) => Number.isInteger(v));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** About `wanted` x labels, always the first and the last. */
function xTickIndexes(count: number, wanted = 4): number[] {
  if (count <= wanted) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (wanted - 1);
  return Array.from({ length: wanted }, (_, i) => Math.round(i * step));
}

function yAxis(
  inputs: ChartInput[],
  box: ChartBox
): { y: ScaleLinear<number, number>; yTicks: Tick[] } {
  const max = niceMax(Math.max(0, ...inputs.map((p) => plotValue(p.shown))));
  const y = scaleLinear()
    .domain([0, max])
    .range([box.height - box.margin.bottom, box.margin.top]);
  const yTicks = tickValues(max).map((v) => ({ at: round(y(v)), label: String(v) }));
  return { y, yTicks };
}

export function lineChart(inputs: ChartInput[], box: ChartBox = DEFAULT_BOX): LineChartModel {
  const { y, yTicks } = yAxis(inputs, box);
  const x = scaleLinear()
    .domain([0, Math.max(1, inputs.length - 1)])
    .range([box.margin.left, box.width - box.margin.right]);
  const points = inputs.map((p, i) => ({
    x: round(x(i)),
    y: round(y(plotValue(p.shown))),
    label: p.label,
    shown: p.shown,
    suppressed: p.shown === SMALL
  }));
  const path =
    line<ChartPoint>()
      .x((p) => p.x)
      .y((p) => p.y)(points) ?? '';
  const xTicks = xTickIndexes(points.length).map((i) => ({
    at: points[i]?.x ?? 0,
    label: points[i]?.label ?? ''
  }));
  return { points, path, yTicks, xTicks, baseline: round(y(0)) };
}

export function barChart(inputs: ChartInput[], box: ChartBox = DEFAULT_BOX): BarChartModel {
  const { y, yTicks } = yAxis(inputs, box);
  const x = scaleBand<number>()
    .domain(inputs.map((_, i) => i))
    .range([box.margin.left, box.width - box.margin.right])
    .padding(0.3);
  const width = round(Math.max(1, x.bandwidth()));
  const baseline = round(y(0));
  const bars = inputs.map((p, i) => {
    const top = round(y(plotValue(p.shown)));
    return {
      x: round(x(i) ?? 0),
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
