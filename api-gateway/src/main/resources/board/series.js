// The merged results per second (GET /v1/tasks/{id}/summary's series): requests per step as bars, the failed part of
// them in red, and p95 as a line on its own scale. Plain SVG; the numbers themselves are in the summary document.
import { h, svg } from './dom.js';

const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 56;
const RIGHT = 100;
const TOP = 16;
const BOTTOM = 22;

/** The chart of `summary` (the document), or null when it has no point. */
export function seriesChart(summary) {
  const step = summary.series?.resolutionSeconds ?? 1;
  const points = summary.series?.points ?? [];
  if (!points.length) return null;
  const maxRequests = Math.max(...points.map((p) => p.requests), 1);
  const maxP95 = Math.max(...points.map((p) => p.p95Ms), 1);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const width = plotWidth / points.length;
  const x = (i) => LEFT + i * width;
  const y = (value, max) => TOP + plotHeight - (plotHeight * value) / max;
  const bar = (i, value, cls) => svg('rect', { x: x(i).toFixed(2), y: y(value, maxRequests).toFixed(2),
    width: Math.max(width - (width > 3 ? 1 : 0), 0.5).toFixed(2), height: (TOP + plotHeight - y(value, maxRequests)).toFixed(2), class: cls });
  const line = points.map((p, i) => `${(x(i) + width / 2).toFixed(1)},${y(p.p95Ms, maxP95).toFixed(1)}`).join(' ');
  const seconds = points.length * step;
  const errors = points.reduce((sum, p) => sum + p.errors, 0);
  const title = `Requests and errors per ${step} s and their p95, over ${seconds} s`;
  const chart = svg('svg', { class: 'series-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'series-chart-title' },
    svg('title', { id: 'series-chart-title' }, title),
    points.map((p, i) => [p.requests ? bar(i, p.requests, 'bar-requests') : null, p.errors ? bar(i, p.errors, 'bar-errors') : null]),
    svg('polyline', { points: line, class: 'line-p95' }),
    svg('text', { x: LEFT - 4, y: TOP + 4, class: 'chart-value', 'text-anchor': 'end' }, `${maxRequests.toLocaleString()} req`),
    svg('text', { x: LEFT - 4, y: TOP + plotHeight, class: 'chart-value', 'text-anchor': 'end' }, '0'),
    svg('text', { x: WIDTH - RIGHT + 4, y: TOP + 4, class: 'chart-value' }, `p95 ${maxP95.toFixed(1)} ms`),
    svg('text', { x: WIDTH - RIGHT + 4, y: TOP + plotHeight, class: 'chart-value' }, '0 ms'),
    svg('text', { x: LEFT, y: HEIGHT - 4, class: 'chart-value' }, '0 s'),
    svg('text', { x: WIDTH - RIGHT, y: HEIGHT - 4, class: 'chart-value', 'text-anchor': 'end' }, `${seconds.toLocaleString()} s`));
  return h('section', { 'aria-labelledby': 'series-heading' }, h('h3', { id: 'series-heading' }, `Per ${step === 1 ? 'second' : `${step} s`}`),
    h('figure', {}, chart, h('figcaption', {}, `Bars: requests per ${step} s (most ${maxRequests.toLocaleString()}), `
      + `the failed ones in red (${errors.toLocaleString()} in all); line: their p95 (highest ${maxP95.toFixed(1)} ms). `
      + 'Every number is in the summary document (GET /v1/tasks/{id}/summary).')));
}
