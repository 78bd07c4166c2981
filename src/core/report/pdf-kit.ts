// A small layout kit over pdf-lib for the evidence pack: A4 portrait pages, the standard Helvetica
// fonts (no font file to ship, so the same code runs in Node and the worker), text wrapped to a
// width, and a cursor that starts a new page when the next block does not fit.

import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts, type RGB } from 'pdf-lib';

/** A4 in points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = 48;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;

/** Characters WinAnsi (the standard fonts' encoding) lacks, said in ones it has. */
const REPLACEMENTS: Record<string, string> = { '≤': '<=', '≥': '>=', '→': '->', '←': '<-', '≈': '~', '−': '-', '\u00a0': ' ', '\u202f': ' ' };

/** "#rrggbb" → pdf-lib's colour. */
export function colourOf(hex: string): RGB {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return rgb(((value >> 16) & 255) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255);
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: RGB;
}

export class PdfKit {
  readonly doc: PDFDocument;
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  private readonly encodable: Set<number>;
  page!: PDFPage;
  /** Distance of the next line's top from the page's bottom. */
  y = 0;

  private constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.encodable = new Set(regular.getCharacterSet());
  }

  static async create(): Promise<PdfKit> {
    const doc = await PDFDocument.create();
    const kit = new PdfKit(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
    kit.newPage();
    return kit;
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  /** The text in characters the font can encode: known stand-ins, then "?" (a name with an unusual letter never stops the pack). */
  clean(text: string): string {
    let out = '';
    for (const char of text.normalize('NFC')) {
      const code = char.codePointAt(0)!;
      if (char === '\n' || this.encodable.has(code)) out += char;
      else out += REPLACEMENTS[char] ?? (this.encodable.has(char.normalize('NFD').codePointAt(0)!) ? char.normalize('NFD')[0] : '?');
    }
    return out;
  }

  font(style: TextStyle): PDFFont {
    return style.bold ? this.bold : this.regular;
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style).widthOfTextAtSize(this.clean(text), style.size ?? 10);
  }

  /** Lines of at most `width` points, broken at spaces (a word longer than a line stands alone). */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const paragraph of this.clean(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && this.width(next, style) > width) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws one line of text with its baseline `size` below `top`, at x. */
  textAt(text: string, x: number, top: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    this.page.drawText(this.clean(text), { x, y: top - size, size, font: this.font(style), color: style.colour ?? rgb(0, 0, 0) });
  }

  /** A wrapped paragraph at the cursor, then a little space. */
  paragraph(text: string, style: TextStyle = {}, options: { width?: number; after?: number } = {}): void {
    const size = style.size ?? 10;
    const lineHeight = size * 1.35;
    for (const line of this.wrap(text, options.width ?? CONTENT_WIDTH, style)) {
      this.ensure(lineHeight);
      this.textAt(line, MARGIN, this.y, style);
      this.y -= lineHeight;
    }
    this.y -= options.after ?? size * 0.6;
  }

  heading(text: string, size = 14): void {
    this.ensure(size * 3);
    this.y -= size * 0.4;
    this.paragraph(text, { size, bold: true }, { after: size * 0.4 });
  }
}
