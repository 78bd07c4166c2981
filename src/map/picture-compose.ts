// Lays a map picture out on a 2D canvas: a title band above the map, the key over the map's top
// left, the scale bar and north arrow at its bottom right, and the attribution and date below.
// Every length is a share of the picture's shorter side, so a slide and an A3 print look alike.

import { LICENCE } from '../core/attribution';
import { metresPerPixel, scaleBar } from '../core/picture-layout';
import type { PictureKey, PictureRequest } from '../state/picture';
import { FONTS, PAGE_COLOURS } from '../theme';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PictureLayout {
  /** One hundredth of the shorter side: the unit of every length below. */
  unit: number;
  title: Box;
  map: Box;
  footer: Box;
}

export function pictureLayout(width: number, height: number): PictureLayout {
  const unit = Math.min(width, height) / 100;
  const titleHeight = Math.round(8 * unit);
  const footerHeight = Math.round(6 * unit);
  return {
    unit,
    title: { x: 0, y: 0, width, height: titleHeight },
    map: { x: 0, y: titleHeight, width, height: height - titleHeight - footerHeight },
    footer: { x: 0, y: height - footerHeight, width, height: footerHeight },
  };
}

const FAMILY = FONTS.body.map((name) => (name.includes(' ') ? `"${name}"` : name)).join(', ');
const font = (px: number, bold = false) => `${bold ? '700 ' : ''}${Math.round(px)}px ${FAMILY}`;

/** The largest size up to `px` at which `text` fits `width`. */
function fitFont(context: CanvasRenderingContext2D, text: string, px: number, width: number, bold: boolean): string {
  context.font = font(px, bold);
  const measured = context.measureText(text).width;
  return measured <= width ? context.font : font((px * width) / measured, bold);
}

function drawKey(context: CanvasRenderingContext2D, key: PictureKey, at: { x: number; y: number }, unit: number): Box {
  const pad = 1.2 * unit;
  const rowHeight = 2.6 * unit;
  const swatch = 1.9 * unit;
  context.font = font(1.7 * unit);
  const labelWidth = Math.max(...key.rows.map((row) => context.measureText(row.label).width));
  const countWidth = Math.max(...key.rows.map((row) => context.measureText(row.count).width));
  context.font = font(2 * unit, true);
  const headingWidth = context.measureText(key.heading).width;
  context.font = font(1.5 * unit);
  const noteWidth = context.measureText(key.note).width;
  const width = Math.max(headingWidth, noteWidth, swatch + unit + labelWidth + 2 * unit + countWidth) + 2 * pad;
  const height = pad * 2 + 2.6 * unit + 2.2 * unit + key.rows.length * rowHeight;
  context.fillStyle = PAGE_COLOURS.legendBackground;
  context.strokeStyle = PAGE_COLOURS.border;
  context.lineWidth = Math.max(1, 0.1 * unit);
  context.fillRect(at.x, at.y, width, height);
  context.strokeRect(at.x, at.y, width, height);
  context.textBaseline = 'top';
  context.fillStyle = PAGE_COLOURS.ink;
  context.font = font(2 * unit, true);
  context.fillText(key.heading, at.x + pad, at.y + pad);
  context.fillStyle = PAGE_COLOURS.secondary;
  context.font = font(1.5 * unit);
  context.fillText(key.note, at.x + pad, at.y + pad + 2.6 * unit);
  let y = at.y + pad + 4.8 * unit;
  context.textBaseline = 'middle';
  for (const row of key.rows) {
    context.fillStyle = row.colour;
    context.fillRect(at.x + pad, y + (rowHeight - swatch) / 2, swatch, swatch);
    context.strokeStyle = PAGE_COLOURS.shadowFaint;
    context.strokeRect(at.x + pad, y + (rowHeight - swatch) / 2, swatch, swatch);
    context.fillStyle = PAGE_COLOURS.ink;
    context.font = font(1.7 * unit);
    context.textAlign = 'left';
    context.fillText(row.label, at.x + pad + swatch + unit, y + rowHeight / 2);
    context.textAlign = 'right';
    context.fillText(row.count, at.x + width - pad, y + rowHeight / 2);
    y += rowHeight;
  }
  context.textAlign = 'left';
  return { x: at.x, y: at.y, width, height };
}

/** The scale bar and the north arrow, in a box at the map's bottom right. */
function drawScaleAndNorth(context: CanvasRenderingContext2D, map: Box, unit: number, metresPerPx: number): void {
  const bar = scaleBar(metresPerPx, 18 * unit);
  const pad = unit;
  const arrowWidth = 3 * unit;
  const width = bar.px + 3 * pad + arrowWidth;
  const height = 7 * unit;
  const x = map.x + map.width - width - 2 * unit;
  const y = map.y + map.height - height - 2 * unit;
  context.fillStyle = PAGE_COLOURS.legendBackground;
  context.fillRect(x, y, width, height);
  context.strokeStyle = PAGE_COLOURS.border;
  context.lineWidth = Math.max(1, 0.1 * unit);
  context.strokeRect(x, y, width, height);
  // The bar: ticks at both ends and the middle, its length written above.
  const barY = y + height - 2 * unit;
  context.strokeStyle = PAGE_COLOURS.ink;
  context.lineWidth = Math.max(2, 0.3 * unit);
  context.beginPath();
  for (const at of [0, 0.5, 1]) {
    context.moveTo(x + pad + at * bar.px, barY - (at === 0.5 ? 0.6 : 1) * unit);
    context.lineTo(x + pad + at * bar.px, barY);
  }
  context.moveTo(x + pad, barY);
  context.lineTo(x + pad + bar.px, barY);
  context.stroke();
  context.fillStyle = PAGE_COLOURS.ink;
  context.font = font(1.6 * unit);
  context.textBaseline = 'bottom';
  context.textAlign = 'center';
  context.fillText(bar.label, x + pad + bar.px / 2, barY - 1.2 * unit);
  // North: the map is never rotated (rotation is turned off), so north is straight up.
  const ax = x + width - pad - arrowWidth / 2;
  context.beginPath();
  context.moveTo(ax, y + 2.6 * unit);
  context.lineTo(ax + arrowWidth / 2.5, y + height - pad);
  context.lineTo(ax, y + height - pad - 1.2 * unit);
  context.lineTo(ax - arrowWidth / 2.5, y + height - pad);
  context.closePath();
  context.fill();
  context.font = font(1.6 * unit, true);
  context.textBaseline = 'top';
  context.fillText('N', ax, y + 0.6 * unit);
  context.textAlign = 'left';
}

export interface ComposeInput {
  mapCanvas: HTMLCanvasElement;
  request: PictureRequest;
  latitude: number;
  zoom: number;
  /** Picture pixels per CSS pixel of the off-screen map. */
  mapPixelRatio: number;
}

export function composePicture(context: CanvasRenderingContext2D, layout: PictureLayout, input: ComposeInput): void {
  const { unit, title, map, footer } = layout;
  const { width, height } = context.canvas;
  context.fillStyle = PAGE_COLOURS.paper;
  context.fillRect(0, 0, width, height);
  context.drawImage(input.mapCanvas, map.x, map.y, map.width, map.height);
  // Title band.
  context.fillStyle = PAGE_COLOURS.ink;
  context.textBaseline = 'middle';
  context.font = fitFont(context, input.request.title, 4 * unit, title.width - 4 * unit, true);
  context.fillText(input.request.title, 2 * unit, title.y + title.height / 2);
  context.strokeStyle = PAGE_COLOURS.border;
  context.lineWidth = Math.max(1, 0.1 * unit);
  context.beginPath();
  context.moveTo(0, map.y);
  context.lineTo(width, map.y);
  context.moveTo(0, footer.y);
  context.lineTo(width, footer.y);
  context.stroke();
  drawKey(context, input.request.key, { x: map.x + 2 * unit, y: map.y + 2 * unit }, unit);
  drawScaleAndNorth(context, map, unit, metresPerPixel(input.latitude, input.zoom) / input.mapPixelRatio);
  // Footer: the licence on the left, the date on the right.
  context.fillStyle = PAGE_COLOURS.secondary;
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  context.font = font(1.5 * unit);
  const dateWidth = context.measureText(input.request.date).width;
  context.fillText(input.request.date, width - 2 * unit, footer.y + footer.height / 2);
  context.textAlign = 'left';
  const licence = `${input.request.attribution} ${LICENCE}.`;
  context.font = fitFont(context, licence, 1.5 * unit, width - 6 * unit - dateWidth, false);
  context.fillText(licence, 2 * unit, footer.y + footer.height / 2);
}
