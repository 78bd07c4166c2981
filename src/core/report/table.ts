// A plain table for the pack: a bold header row, hairlines between rows, numbers right-aligned,
// the header repeated when a table runs onto a new page.

import { PAGE_COLOURS } from '../../theme';
import { colourOf, CONTENT_WIDTH, MARGIN, type PdfKit } from './pdf-kit';

export interface Column {
  label: string;
  /** Share of the content width. */
  width: number;
  number?: boolean;
}

const SIZE = 8;
const ROW = 13;

function row(kit: PdfKit, columns: readonly Column[], cells: readonly string[], bold: boolean): void {
  let x = MARGIN;
  columns.forEach((column, i) => {
    const width = column.width * CONTENT_WIDTH;
    let text = cells[i] ?? '';
    // A long name is cut to its column with an ellipsis rather than running into the next.
    while (text.length > 1 && kit.width(text, { size: SIZE, bold }) > width - 4) text = `${text.slice(0, -2)}…`;
    const at = column.number ? x + width - 2 - kit.width(text, { size: SIZE, bold }) : x;
    kit.textAt(text, at, kit.y - 2, { size: SIZE, bold });
    x += width;
  });
  kit.y -= ROW;
  kit.page.drawLine({
    start: { x: MARGIN, y: kit.y + 1 },
    end: { x: MARGIN + CONTENT_WIDTH, y: kit.y + 1 },
    thickness: bold ? 0.8 : 0.3,
    color: colourOf(bold ? PAGE_COLOURS.ink : PAGE_COLOURS.border),
  });
}

export function table(kit: PdfKit, columns: readonly Column[], rows: readonly (readonly string[])[], options: { footer?: readonly string[] } = {}): void {
  const header = columns.map((c) => c.label);
  kit.ensure(ROW * 3);
  row(kit, columns, header, true);
  for (const cells of rows) {
    if (kit.y - ROW < 48) {
      kit.newPage();
      row(kit, columns, header, true);
    }
    row(kit, columns, cells, false);
  }
  if (options.footer) {
    kit.ensure(ROW);
    row(kit, columns, options.footer, true);
  }
  kit.y -= 10;
}
