/**
 * Browser-only export helpers: the PNG of the graph with a title band and the legend beside it
 * (composited on a canvas from Cytoscape's PNG and the legend drawn as SVG), and file downloads.
 */
import { legendSvg } from './svg-export.ts';
import type { LegendEntry } from './legend.ts';

export { dataUrlBlob, fileName } from './files.ts';

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The image could not be drawn.'));
    image.src = src;
  });
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('No PNG was made.'))),
      'image/png'
    );
  });
}

/** `graphPng` (a data URL at scale 2) under a title, with the legend to its right. */
export async function composePng(
  graphPng: string,
  title: string,
  legend: readonly LegendEntry[]
): Promise<Blob> {
  const scale = 2;
  const graph = await loadImage(graphPng);
  const legendDoc = legendSvg(legend);
  const key = await loadImage(
    `data:image/svg+xml;charset=utf-8,${encodeURIComponent(legendDoc.svg)}`
  );
  const header = 64 * scale;
  const margin = 24 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = graph.width + legendDoc.width * scale + margin * 3;
  canvas.height = header + Math.max(graph.height, legendDoc.height * scale) + margin;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw a PNG.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111827';
  ctx.font = `bold ${20 * scale}px system-ui, "DejaVu Sans", sans-serif`;
  ctx.fillText(title, margin, 40 * scale);
  ctx.drawImage(graph, margin, header);
  ctx.drawImage(
    key,
    graph.width + margin * 2,
    header,
    legendDoc.width * scale,
    legendDoc.height * scale
  );
  return canvasBlob(canvas);
}

/** Offers `blob` as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
